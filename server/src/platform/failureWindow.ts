import { Op, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import type { Clock } from './clock';
import type { Database } from './db';
import { RateLimitedError } from './errors';

/**
 * The sliding-window lockout shared by sign-in and typed check-in codes: at `limit` failures within
 * `windowMs` the subject is locked until enough failures age out of the window to leave fewer than
 * the limit. Pure; `AttemptGate` below keeps the failure times.
 */
export function lockedForSeconds(failureTimes: Date[], limit: number, windowMs: number, now: Date): number | null {
  const since = now.getTime() - windowMs;
  const recent = failureTimes
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  if (recent.length < limit) return null;
  const unlocksAt = recent[recent.length - limit] + windowMs;
  return (unlocksAt - now.getTime()) / 1000;
}

export interface AttemptWindow {
  limit: number;
  windowMs: number;
}

export interface AttemptGateOptions extends AttemptWindow {
  /** The column naming the subject (model attribute name). */
  subjectField: string;
  /** The attempt's time (model attribute name); `failedAt` unless said. */
  timeField?: string;
  /** Further windows that must all hold as well (an SMS: 1 a minute *and* 5 a day). */
  alsoWithin?: AttemptWindow[];
  /** The person-facing refusal, given the minutes until the lock lifts. */
  refusal: (minutes: number) => string;
}

/**
 * Guards something guessable. Every attempt is written down *before* it is checked, and refused with
 * 429 while the others in the window (earlier failures and attempts still in flight) reach the limit
 * — so a burst of parallel guesses cannot all pass a read-then-check. The caller drops the attempt
 * when it was not a failure.
 */
export class AttemptGate {
  constructor(
    private readonly db: Database,
    /** A table of attempts: `id`, the subject field (a phone, a practitioner), the time field. */
    private readonly model: ModelStatic<Model>,
    private readonly clock: Clock,
    private readonly options: AttemptGateOptions,
  ) {}

  private get time(): string {
    return this.options.timeField ?? 'failedAt';
  }

  private subject(value: string | number): WhereOptions {
    return { [this.options.subjectField]: value };
  }

  /** Records an attempt and returns its id, or throws RateLimitedError (recording nothing). */
  async begin(subject: string | number): Promise<number> {
    const now = this.clock.now();
    const windows = [{ limit: this.options.limit, windowMs: this.options.windowMs }, ...(this.options.alsoWithin ?? [])];
    const longest = new Date(now.getTime() - Math.max(...windows.map((w) => w.windowMs)));
    const attempt = await this.db.writeTransaction(async (transaction) => {
      await this.model.destroy({ where: { ...this.subject(subject), [this.time]: { [Op.lte]: longest } }, transaction });
      return this.model.create({ ...this.subject(subject), [this.time]: now }, { transaction });
    });
    const id = attempt.get('id') as number;
    const others = await this.model.findAll({
      where: { ...this.subject(subject), [this.time]: { [Op.gt]: longest }, id: { [Op.ne]: id } },
      attributes: [this.time],
    });
    const times = others.map((row) => row.get(this.time) as Date);
    const locks = windows.map((w) => lockedForSeconds(times, w.limit, w.windowMs, now)).filter((s): s is number => s !== null);
    if (locks.length === 0) return id;
    const seconds = Math.max(...locks);
    await this.drop(id);
    throw new RateLimitedError(this.options.refusal(Math.ceil(seconds / 60)), seconds);
  }

  /** The attempt was not a failure (it succeeded, or was refused for another reason). */
  async drop(id: number): Promise<void> {
    await this.db.writeTransaction((transaction) => this.model.destroy({ where: { id }, transaction }));
  }

  /** Forget every failure of a subject (a successful sign-in). */
  async clear(subject: string | number): Promise<void> {
    await this.db.writeTransaction((transaction) => this.model.destroy({ where: this.subject(subject), transaction }));
  }
}
