import type { ClassService } from '../classes/service';
import type { ClassViewer } from '../classes/views';
import type { EnrollmentService, MyEnrollmentEntry } from './service';

/**
 * Enrollments with the class each one is for (its public class view): what a practitioner sees in
 * 我的报名 and the office sees on a talent record. One assembly for both.
 */
export function createEnrollmentViews(enrollment: EnrollmentService, classes: ClassService, describeClasses: ClassViewer) {
  async function withClasses(entries: MyEnrollmentEntry[]) {
    const rows = await Promise.all([...new Set(entries.map((e) => e.classId))].map((id) => classes.findRow(id)));
    const views = new Map((await describeClasses(rows, null)).map((v) => [v.id, v]));
    return entries.map(({ classId, ...entry }) => ({ ...entry, class: views.get(classId)! }));
  }
  return {
    /** The signed-in practitioner's enrollments, newest first. */
    mine: async (userId: number) => withClasses(await enrollment.myEnrollments(userId)),
    /** One practitioner's enrollments, for the office. */
    ofPractitioner: async (practitionerId: number) => withClasses(await enrollment.enrollmentsOf(practitionerId)),
  };
}

export type EnrollmentViews = ReturnType<typeof createEnrollmentViews>;
