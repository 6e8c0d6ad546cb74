import type { ClassService } from '../classes/service';
import type { EnrollmentService } from '../enrollment/service';
import type { NotificationService } from '../notifications/service';
import type { Clock } from '../platform/clock';
import { shanghaiDate, shanghaiDateTime, shanghaiDayEnd, shanghaiDayStart } from '../platform/time';
import type { StatsService } from '../stats/service';
import type { TalentService } from '../talent/service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** From this month of the year (Asia/Shanghai) people short of the year's hours are reminded. */
export const SHORTFALL_FROM_MONTH = 11;

/** Whether the 学时不足 reminder is due on this Shanghai date: 1 November to the end of the year. */
export const shortfallSeason = (date: string): boolean => Number(date.slice(5, 7)) >= SHORTFALL_FROM_MONTH;

const BATCH = 500;

/**
 * Reminders, run by the tick in every instance: safe to run anywhere and any number of times, since each
 * reminder's event key (`session:<id>:<start>:reminder`, `ce:<year>:shortfall`) lets each person have it once.
 */
export class ReminderService {
  /** The Shanghai date this instance last walked the shortfall list completely: once a day is enough. */
  private shortfallDoneOn: string | null = null;

  constructor(
    private readonly classes: ClassService,
    private readonly enrollment: EnrollmentService,
    private readonly stats: StatsService,
    private readonly talent: TalentService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<{ sessionReminders: number; shortfallReminders: number }> {
    return { sessionReminders: await this.sessionReminders(), shortfallReminders: await this.shortfallReminders() };
  }

  /** Everyone holding a seat in a session that starts tomorrow (Shanghai) is told today. Returns how many were told now. */
  async sessionReminders(): Promise<number> {
    const tomorrow = shanghaiDate(new Date(this.clock.now().getTime() + DAY_MS));
    const sessions = await this.classes.sessionsStartingBetween(shanghaiDayStart(tomorrow), shanghaiDayEnd(tomorrow));
    let told = 0;
    for (const s of sessions) {
      const people = await this.talent.accountsOf(await this.enrollment.enrolledPractitionerIds(s.classId));
      // the start is in the key: a session moved to another day is reminded of again
      const eventKey = `session:${s.id}:${s.startsAt.getTime()}:reminder`;
      const already = await this.notifications.alreadyTold(eventKey, [...people.values()]);
      const userIds = [...people.values()].filter((id) => !already.has(id));
      if (userIds.length === 0) continue;
      await this.notifications.notifyNow([
        {
          event: { kind: 'session_reminder', classId: s.classId, classTitle: s.classTitle, sessionTitle: s.topic, startsAt: shanghaiDateTime(s.startsAt), location: s.location },
          eventKey,
          userIds,
        },
      ]);
      told += userIds.length;
    }
    return told;
  }

  /** From 1 November, each verified practitioner short of the year's rule is told once that year. */
  async shortfallReminders(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    if (!shortfallSeason(today) || this.shortfallDoneOn === today) return 0;
    const year = Number(today.slice(0, 4));
    const eventKey = `ce:${year}:shortfall`;
    let afterId = 0;
    let told = 0;
    for (;;) {
      const { rule, people } = await this.stats.shortOfRuleWithAccounts(year, afterId, BATCH);
      if (rule.requiredHours <= 0 || people.length === 0) break;
      afterId = people[people.length - 1].practitionerId;
      const already = await this.notifications.alreadyTold(eventKey, people.map((p) => p.userId));
      const fresh = people.filter((p) => !already.has(p.userId));
      await this.notifications.notifyNow(
        fresh.map((p) => ({
          event: { kind: 'ce_shortfall' as const, year, earnedHours: p.earnedHours, professionalHours: p.professionalHours, requiredHours: rule.requiredHours, minProfessionalHours: rule.minProfessionalHours },
          eventKey,
          userIds: [p.userId],
        })),
      );
      told += fresh.length;
    }
    this.shortfallDoneOn = today;
    return told;
  }
}
