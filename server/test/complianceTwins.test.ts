import fc from 'fast-check';
import { QueryTypes } from 'sequelize';
import { assess, compliantSql, yearTotals, yearTotalsSql, type LedgerLine } from '../src/credits/compliance';
import { recount } from '../src/stats/recount';
import { countsTowardTarget, countsTowardTargetSql } from '../src/talent/counting';
import { createTestApp, type TestApp } from './helpers/testApp';

/**
 * The rules that the statistics also run inside SQL — the year's totals, compliance, counting toward
 * the target — agree with their functions over generated ledgers: the SQL twins over the raw rows, and
 * the dashboard's figures over the aggregates the model hooks keep.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const STATUSES = ['pending', 'verified', 'rejected', 'inactive'] as const;
const line = fc.record({
  hours: fc.integer({ min: -20, max: 80 }).filter((h) => h !== 0).map((h) => h / 2),
  category: fc.constantFrom('professional', 'public'),
  source: fc.constantFrom('class', 'external', 'adjustment'),
});
const person = fc.record({ before: fc.constantFrom(...STATUSES), after: fc.constantFrom(...STATUSES), lines: fc.array(line, { maxLength: 8 }) });
const rule = fc.integer({ min: 0, max: 240 }).chain((required) =>
  fc.integer({ min: 0, max: required }).map((professional) => ({ requiredHours: required / 2, minProfessionalHours: professional / 2 })),
);

let year = 2000;

it('compliance, year totals and counting toward the target: each function and its SQL twin agree', async () => {
  const select = <T extends object>(sql: string, replacements: unknown[] = []) => t.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  const Practitioner = t.db.sequelize.model('Practitioner');
  const office = await t.userWithRole('admin');

  await fc.assert(
    fc.asyncProperty(rule, fc.array(person, { minLength: 1, maxLength: 5 }), async (r, people) => {
      year += 1; // each run its own year: earlier runs' ledgers do not touch it
      // Earlier runs' people stop counting (through the model, so the hooks keep the aggregates).
      await Practitioner.update({ status: 'inactive' }, { where: { status: 'verified' } });
      await t.app.services.credits.setRule(office.user.id, year, r);
      const seeded = await t.seedPractitioners(people.length);
      for (const [i, p] of people.entries()) {
        await Practitioner.update({ status: p.before }, { where: { id: seeded[i].practitionerId } });
        await t.db.writeTransaction(async (transaction) => {
          for (const [k, l] of p.lines.entries()) {
            await t.app.services.credits.award(
              { practitionerId: seeded[i].practitionerId, date: `${year}-06-01`, hours: l.hours, category: l.category, source: l.source, sourceKey: `twin:${k}`, title: '生成', createdBy: null },
              transaction,
            );
          }
        });
        // A status change after the hours were earned carries them in or out of the count.
        await Practitioner.update({ status: p.after }, { where: { id: seeded[i].practitionerId } });
      }

      // The functions: who counts, and who of them is compliant.
      const expected = people.map((p) => {
        const totals = yearTotals(p.lines as LedgerLine[]);
        return { totals, counts: countsTowardTarget({ status: p.after }), compliant: assess(totals, r).compliant };
      });
      const ids = seeded.map((s) => s.practitionerId);

      // The SQL twins over the raw rows.
      const sum = yearTotalsSql('r');
      const sqlTotals = await select<{ id: number; hours: number; professional: number; classHours: number }>(
        `SELECT r.practitioner_id AS id, ${sum.hours} AS hours, ${sum.professionalHours} AS professional, ${sum.classHours} AS classHours
         FROM credit_records r WHERE r.year = ? GROUP BY r.practitioner_id`,
        [year],
      );
      for (const [i, e] of expected.entries()) {
        const row = sqlTotals.find((x) => Number(x.id) === ids[i]);
        expect([Number(row?.hours ?? 0), Number(row?.professional ?? 0), Number(row?.classHours ?? 0)]).toEqual([e.totals.earnedHours, e.totals.professionalHours, e.totals.classHours]);
      }
      const compliant = compliantSql('t', r);
      const sqlCompliant = await select<{ id: number }>(
        `SELECT p.id FROM practitioners p LEFT JOIN credit_year_totals t ON t.practitioner_id = p.id AND t.year = ?
         WHERE p.id IN (?) AND ${countsTowardTargetSql('p')} AND ${compliant.sql}`,
        [year, ids, ...compliant.replacements],
      );
      const want = ids.filter((_, i) => expected[i].counts && expected[i].compliant);
      expect(sqlCompliant.map((x) => Number(x.id)).sort((a, b) => a - b)).toEqual(want);

      // The dashboard's figures, from the aggregates the hooks keep.
      const verified = expected.filter((e) => e.counts).length;
      const stats = t.app.services.stats;
      expect((await stats.compliance(year, verified)).compliant).toBe(want.length);
      expect((await stats.shortfall(year, undefined, 1, 10)).total).toBe(verified - want.length);
    }),
    {
      numRuns: 60,
      // found on MariaDB: a rule asking for nothing makes those without a single hour compliant too
      examples: [[{ requiredHours: 0, minProfessionalHours: 0 }, [{ before: 'pending', after: 'verified', lines: [] }, { before: 'pending', after: 'pending', lines: [] }]]],
    },
  );
  expect(await recount(t.db)).toEqual([]);
}, 120_000);
