import { creditSummaryView } from '../credits/schemas';
import { myEnrollmentsView } from '../enrollment/schemas';
import { practitionerOfficeView } from '../talent/schemas';

/** What the office sees on one practitioner's page: the record, this year's hours, the enrollments. */
export const talentDetail = practitionerOfficeView.extend({ credits: creditSummaryView, enrollments: myEnrollmentsView.shape.items }).openapi('TalentDetail');
