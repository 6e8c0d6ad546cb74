import type { CatalogService } from '../catalog/service';
import type { AuthUser } from '../platform/http/auth';
import type { ClassRow } from './models';
import type { ClassView, MyEnrollmentView } from './schemas';
import type { ClassService, SeatCounts } from './service';

/**
 * What a class view reads of enrollment. The enrollment service provides it (wired in modules.ts), so
 * classes, which enrollment builds on, never imports enrollment.
 */
export interface SeatReader {
  countsFor(classIds: number[]): Promise<Map<number, SeatCounts>>;
  mineFor(userId: number, classIds: number[]): Promise<Map<number, MyEnrollmentView>>;
}

/** Assembles class views: the class, its course, seat counts, and the viewer's own enrollment. */
export function createClassViewer(classes: ClassService, catalog: CatalogService, seats: SeatReader) {
  return async function describe(rows: ClassRow[], viewer: AuthUser | null): Promise<ClassView[]> {
    const ids = rows.map((r) => r.id);
    const [courses, counts, lastEnds, mine] = await Promise.all([
      catalog.factsByIds(rows.map((r) => r.courseId)),
      seats.countsFor(ids),
      classes.lastSessionEnds(ids),
      viewer?.role === 'practitioner' ? seats.mineFor(viewer.id, ids) : Promise.resolve(null),
    ]);
    return rows.map((row) => ({
      ...classes.toView(row, courses.get(row.courseId)!, counts.get(row.id)!, lastEnds.get(row.id) ?? null),
      ...(mine ? { myEnrollment: mine.get(row.id) ?? null } : {}),
    }));
  };
}

export type ClassViewer = ReturnType<typeof createClassViewer>;
