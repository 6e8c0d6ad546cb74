import type { QueryInterface } from 'sequelize';
import * as m001 from './001-accounts-talent-audit';
import * as m002 from './002-catalog-classes-enrollment';
import * as m003 from './003-attendance-credits-certificates';
import * as m004 from './004-stat-tallies';
import * as m005 from './005-checkin-failures';
import * as m006 from './006-account-lifecycle';
import * as m007 from './007-completion-undo';
import * as m008 from './008-district-offices-history';
import * as m009 from './009-audit-district';
import * as m010 from './010-service-agencies';
import * as m011 from './011-notifications';
import * as m012 from './012-ce-statements';

export interface Migration {
  name: string;
  up(qi: QueryInterface): Promise<void>;
  down(qi: QueryInterface): Promise<void>;
}

/** Every migration, in the order it runs. Add new ones at the end; never edit one that has shipped. */
export const migrations: Migration[] = [
  { name: '001-accounts-talent-audit', ...m001 },
  { name: '002-catalog-classes-enrollment', ...m002 },
  { name: '003-attendance-credits-certificates', ...m003 },
  { name: '004-stat-tallies', ...m004 },
  { name: '005-checkin-failures', ...m005 },
  { name: '006-account-lifecycle', ...m006 },
  { name: '007-completion-undo', ...m007 },
  { name: '008-district-offices-history', ...m008 },
  { name: '009-audit-district', ...m009 },
  { name: '010-service-agencies', ...m010 },
  { name: '011-notifications', ...m011 },
  { name: '012-ce-statements', ...m012 },
];
