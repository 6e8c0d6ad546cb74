import type { CreditService } from '../credits/service';
import type { EnrollmentViews } from '../enrollment/views';
import type { TalentOfficeService } from '../talent/office';

/** One person across the modules that hold something of theirs; assembles, owns no rule and no table. */
export class PeopleService {
  constructor(
    private readonly talentOffice: TalentOfficeService,
    private readonly credits: CreditService,
    private readonly enrollmentViews: EnrollmentViews,
  ) {}

  /** The office's page of one practitioner: the record (404 if none), this year's hours, enrollments. */
  async officeDetail(practitionerId: number) {
    const record = await this.talentOffice.get(practitionerId);
    const [credits, enrollments] = await Promise.all([this.credits.summary(record.id, this.credits.currentYear()), this.enrollmentViews.ofPractitioner(record.id)]);
    return { ...record, credits, enrollments };
  }
}
