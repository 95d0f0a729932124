// Record places as the file layer gives them (bundle/locate.ts), for the message tests.
import type { RecordPlace } from '../../../src/bundle/locate';

/** 基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値 */
export const KPI_YEAR_ACTUAL: RecordPlace = {
  chain: [
    { step: 'numbered', what: 'goal', number: '2' },
    { step: 'numbered', what: 'project', number: '1' },
    { step: 'named', what: 'kpi', name: '空き家バンク…' },
  ],
  year: 2021,
  field: { kind: 'kpiYears', path: ['actual', 'value'] },
};

/** 基本目標1 > KPI『…』 */
export const GOAL_KPI: RecordPlace = { chain: [{ step: 'numbered', what: 'goal', number: '1' }, { step: 'named', what: 'kpi', name: '…' }] };
