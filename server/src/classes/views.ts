import type { CatalogService } from '../catalog/service';
import type { EnrollmentService } from '../enrollment/service';
import type { AuthUser } from '../platform/http/auth';
import type { ClassRow } from './models';
import type { ClassView } from './schemas';
import type { ClassService } from './service';

/** Assembles class views: the class, its course, seat counts from enrollment, and the viewer's own enrollment. */
export function createClassViewer(classes: ClassService, catalog: CatalogService, enrollment: EnrollmentService) {
  return async function describe(rows: ClassRow[], viewer: AuthUser | null): Promise<ClassView[]> {
    const ids = rows.map((r) => r.id);
    const [courses, counts, mine] = await Promise.all([
      catalog.factsByIds(rows.map((r) => r.courseId)),
      enrollment.countsFor(ids),
      viewer?.role === 'practitioner' ? enrollment.mineFor(viewer.id, ids) : Promise.resolve(null),
    ]);
    return rows.map((row) => ({
      ...classes.toView(row, courses.get(row.courseId)!, counts.get(row.id)!),
      ...(mine ? { myEnrollment: mine.get(row.id) ?? null } : {}),
    }));
  };
}

export type ClassViewer = ReturnType<typeof createClassViewer>;
