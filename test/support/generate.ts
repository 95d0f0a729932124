/**
 * A generator of large, realistic strategies (issue 7): 基本目標, nested 施策, projects with their
 * departments and yearly records, KPIs in every direction with baselines, targets and actuals over
 * the whole period, and the statuses, remarks and 速報値 real progress tables carry.
 *
 * Pure and deterministic: the same options give the same {@link PlainStrategy}, whatever the
 * machine or the time (a small seeded generator inside, never Math.random). Used by the benchmark
 * (`npm run bench`) and by tests that need a big workbook; {@link buildWorkbook} turns the result
 * into records.
 */
import { formatFiscalYear } from '../../src/domain/eras';
import type { Measurement } from '../../src/domain/entities/measurement';
import type { ProjectCategory } from '../../src/domain/entities/project';
import type { PlainGoal, PlainKpi, PlainKpiYear, PlainMeasure, PlainProject, PlainProjectYear, PlainStrategy } from '../../src/domain/sample/types';

export interface GenerateOptions {
  /** 基本目標 (at least 1). */
  goals: number;
  /** Projects over all goals. */
  projects: number;
  /** KPIs over all goals: the goal-level 数値目標 and the projects' KPIs together. */
  kpis: number;
  /** Fiscal years of the period. */
  years: number;
  /** Same seed, same strategy. */
  seed: number;
  /** First fiscal year of the period (default 2015, 平成27年度). */
  startYear?: number;
  /** 自治体名 (default a fictitious city). */
  municipality?: string;
}

/** 8 基本目標, 300 projects, 1,000 KPIs, 10 years: a big real strategy. */
export const LARGE: Readonly<GenerateOptions> = Object.freeze({ goals: 8, projects: 300, kpis: 1_000, years: 10, seed: 2015, startYear: 2015 });
/** 10,000 KPIs over 10 years (100,000 KPI-years): far beyond any real strategy. */
export const STRESS: Readonly<GenerateOptions> = Object.freeze({ goals: 10, projects: 3_000, kpis: 10_000, years: 10, seed: 2015, startYear: 2015 });

// ---------------------------------------------------------------------------------------------
// Seeded generator

/** mulberry32: 32 bits of state, good enough spread for test data, identical everywhere. */
export function seededRandom(seed: number) {
  let s = (Number.isFinite(seed) ? Math.trunc(seed) : 0) >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** In [0, 1). */
    next,
    /** An integer in [lo, hi]. */
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    /** A number in [lo, hi). */
    between: (lo: number, hi: number): number => lo + next() * (hi - lo),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
}
type Random = ReturnType<typeof seededRandom>;

// ---------------------------------------------------------------------------------------------
// Vocabulary

interface Theme {
  title: string;
  directions: string[];
  measures: string[];
  /** Project subjects; a project's name is subject + action + 事業. */
  subjects: string[];
  departments: string[];
}

const THEMES: readonly Theme[] = [
  {
    title: '地域の産業を育て、安心して働ける仕事をつくる',
    directions: ['中小企業の経営基盤の強化', '創業と事業承継の支援', '地域経済の好循環の促進'],
    measures: ['地域産業の競争力強化', '創業・事業承継の支援', '雇用の確保と人材育成', '企業誘致の推進', '商業の活性化'],
    subjects: ['中小企業販路拡大', '創業', '事業承継', '企業立地', 'ものづくり人材', '商店街にぎわい', 'ビジネスサポートセンター', '地域商社'],
    departments: ['商工課', '産業振興課', '企業誘致課'],
  },
  {
    title: '新しいひとの流れをつくる',
    directions: ['移住・定住の促進', '関係人口の創出・拡大', '地元回帰の促進'],
    measures: ['移住・定住の促進', '関係人口の創出', 'シティプロモーションの推進', '空き家の活用'],
    subjects: ['移住相談窓口', '空き家バンク', 'お試し住宅', '地域おこし協力隊', 'ふるさと納税', 'シティプロモーション', 'UIJターン就職', '二地域居住'],
    departments: ['移住定住推進課', '企画課', '秘書広報課'],
  },
  {
    title: '結婚・出産・子育ての希望をかなえる',
    directions: ['結婚の希望をかなえる支援', '妊娠・出産・子育ての切れ目ない支援', '仕事と子育ての両立'],
    measures: ['出会いと結婚の支援', '妊娠・出産の支援', '子育て環境の充実', '保育サービスの充実'],
    subjects: ['婚活支援', '不妊治療費助成', '子育て支援拠点', '放課後児童クラブ', '病児保育', '子ども医療費助成', '産後ケア', '保育士確保'],
    departments: ['子育て支援課', 'こども家庭課', '健康増進課'],
  },
  {
    title: '誰もが健康で安心して暮らせるまちをつくる',
    directions: ['健康寿命の延伸', '地域包括ケアの推進', '医療体制の確保'],
    measures: ['健康づくりの推進', '地域包括ケアシステムの構築', '地域医療の確保', '障がい者福祉の充実'],
    subjects: ['特定健診受診勧奨', '健康ポイント', '介護予防', '認知症サポーター養成', '地域医療連携', 'フレイル予防', '在宅医療', '見守りネットワーク'],
    departments: ['健康増進課', '高齢福祉課', '福祉課', '保険年金課'],
  },
  {
    title: '魅力ある観光と交流を生み出す',
    directions: ['地域資源を生かした観光振興', 'インバウンドの受入環境整備', '交流の拡大'],
    measures: ['観光資源の磨き上げ', '受入環境の整備', '広域観光の推進', 'スポーツ・文化交流の推進'],
    subjects: ['観光プロモーション', 'インバウンド誘客', '観光案内所', '体験型観光', 'フィルムコミッション', 'サイクルツーリズム', '道の駅', '広域周遊観光'],
    departments: ['観光課', '文化スポーツ課', '商工観光課'],
  },
  {
    title: '未来を担う人材を育てる',
    directions: ['確かな学力の育成', 'ふるさと教育の推進', '生涯学習の充実'],
    measures: ['学校教育の充実', 'ふるさと教育の推進', 'ICT教育の推進', '生涯学習の推進'],
    subjects: ['学力向上', 'ふるさと学習', 'GIGAスクール', '英語教育', '不登校対策', '図書館サービス', '公民館講座', '高校生まちづくり'],
    departments: ['学校教育課', '生涯学習課', '教育総務課'],
  },
  {
    title: '安全で持続可能なまちをつくる',
    directions: ['防災・減災の推進', '脱炭素社会の実現', 'コンパクトなまちづくり'],
    measures: ['防災体制の強化', '環境負荷の低減', '公共交通の確保', '都市機能の集約'],
    subjects: ['自主防災組織育成', '防災行政無線', '再生可能エネルギー導入', 'ごみ減量', 'コミュニティバス', 'デマンド交通', '立地適正化', '交通安全'],
    departments: ['危機管理課', '環境課', '都市計画課', '建設課'],
  },
  {
    title: 'デジタルの力で地域の課題を解決する',
    directions: ['行政手続のオンライン化', '地域のデジタル化', 'デジタル人材の育成'],
    measures: ['行政のデジタル化', '地域社会のデジタル化', 'デジタル人材の育成'],
    subjects: ['オンライン申請', 'キャッシュレス決済', 'マイナンバーカード普及', 'デジタル活用支援', 'テレワーク拠点', 'オープンデータ', 'スマート農業'],
    departments: ['情報政策課', 'DX推進課', '市民課'],
  },
  {
    title: '農林水産業の担い手を確保する',
    directions: ['担い手の確保・育成', '農林水産物のブランド化', '農地・森林の保全'],
    measures: ['新規就農の支援', '農林水産物のブランド化', '農地の保全と集積', '森林資源の活用'],
    subjects: ['新規就農者支援', '農地集積', '6次産業化', '地産地消', '鳥獣被害対策', '森林整備', '特産品ブランド', '直売所'],
    departments: ['農林課', '農政課', '林務課'],
  },
  {
    title: '地域の力で支え合うまちをつくる',
    directions: ['市民協働の推進', '多様性の尊重', '地域コミュニティの活性化'],
    measures: ['市民協働の推進', '地域コミュニティの活性化', '男女共同参画の推進'],
    subjects: ['市民活動支援', '地域づくり協議会', '男女共同参画', '多文化共生', 'ボランティアセンター', '集落支援員', '地域運営組織'],
    departments: ['市民協働課', '地域振興課', '人権推進課'],
  },
];

const ACTIONS = ['支援', '推進', '促進', '強化', '整備', '活用'];

type Unit = '件' | '人' | '千人' | '%' | '円';
type Shape = 'higher' | 'lower' | 'atLeast' | 'atMost' | 'signed' | 'cumulative' | 'milestone';

/** A KPI template: name, unit and the range of its baseline (or, cumulative, its yearly increase). */
type Template = readonly [name: string, unit: Unit, lo: number, hi: number];

const TEMPLATES: Record<Exclude<Shape, 'milestone'>, readonly Template[]> = {
  higher: [
    ['新規就業者数', '人', 5, 80],
    ['創業支援による創業件数', '件', 3, 40],
    ['企業誘致件数', '件', 1, 10],
    ['観光入込客数', '千人', 300, 5000],
    ['宿泊者数', '人', 5000, 80000],
    ['観光客1人当たり観光消費額', '円', 3000, 15000],
    ['ふるさと納税寄附額', '円', 50_000_000, 900_000_000],
    ['移住相談件数', '件', 50, 600],
    ['移住者数', '人', 10, 300],
    ['空き家バンク成約件数', '件', 5, 60],
    ['特定健診受診率', '%', 30, 55],
    ['子育て支援に満足している市民の割合', '%', 50, 85],
    ['図書館利用者数', '千人', 50, 400],
    ['地域おこし協力隊の定着率', '%', 40, 70],
    ['オンライン申請可能な手続数', '件', 5, 50],
    ['直売所の販売額', '円', 10_000_000, 300_000_000],
    ['認定農業者数', '人', 20, 200],
    ['市民活動団体数', '件', 20, 150],
    ['自主防災組織の組織率', '%', 60, 90],
    ['関係人口創出事業の参加者数', '人', 100, 3000],
    ['マイナンバーカード交付率', '%', 10, 60],
    ['認知症サポーター数', '人', 1000, 8000],
  ],
  lower: [
    ['待機児童数', '人', 3, 60],
    ['交通事故発生件数', '件', 100, 800],
    ['管理不全空き家数', '件', 300, 3000],
    ['刑法犯認知件数', '件', 200, 1500],
    ['要介護認定率', '%', 15, 22],
    ['鳥獣による農作物被害額', '円', 5_000_000, 60_000_000],
  ],
  atLeast: [
    ['住み続けたいと思う市民の割合', '%', 70, 85],
    ['ビジネスマッチング数', '件', 50, 150],
    ['健康づくり教室の参加者数', '人', 500, 3000],
    ['ビジネスサポートセンターへの相談件数', '件', 1000, 2000],
    ['出生数', '人', 200, 800],
  ],
  atMost: [
    ['空き家率', '%', 10, 18],
    ['1人当たり医療費', '円', 300_000, 400_000],
    ['不登校児童生徒の割合', '%', 1, 3],
    ['交通事故死傷者数', '人', 100, 600],
  ],
  signed: [
    ['社会動態数（転入者数−転出者数）', '人', -300, -30],
    ['若年層の社会動態数', '人', -200, -20],
  ],
  /** lo / hi: the yearly increase. */
  cumulative: [
    ['UIJターン新規就業者数（累計）', '人', 5, 30],
    ['創業件数（累計）', '件', 5, 30],
    ['移住者数（累計）', '人', 20, 100],
    ['企業立地件数（累計）', '件', 1, 5],
    ['新規就農者数（累計）', '人', 2, 12],
  ],
};

const MILESTONES: readonly (readonly [name: string, verb: string])[] = [
  ['地域公共交通計画の策定', '策定'],
  ['地域商社の設立', '設立'],
  ['DX推進計画の策定', '策定'],
  ['観光地域づくり法人（DMO）の設立', '設立'],
  ['こども家庭センターの設置', '設置'],
  ['移住支援センターの開設', '開設'],
];

/** Share of each shape among the KPIs: mostly higher-is-better. */
const SHAPE_WEIGHTS: readonly (readonly [Shape, number])[] = [
  ['higher', 0.6],
  ['lower', 0.1],
  ['atLeast', 0.1],
  ['atMost', 0.05],
  ['signed', 0.03],
  ['cumulative', 0.07],
  ['milestone', 0.05],
];

const REMARKS = ['事業見直しのため縮小', '天候不順の影響', '調査方法を変更', 'イベント中止の影響'];
/** Years of the pandemic: the remark コロナのため中止 and its shortfall reason appear only then. */
const COVID = (year: number) => year >= 2020 && year <= 2022;
const COVID_REMARK = 'コロナのため中止';
const COVID_SHORTFALL = '新型コロナウイルス感染症の影響により事業を縮小したため。';
const SHORTFALLS = [
  '周知が不十分で参加者が伸びなかったため。',
  '担い手の高齢化が進み、目標に届かなかったため。',
  '近隣自治体との競合により伸び悩んだため。',
  '景気の低迷により新規の取組が見送られたため。',
];
const PROGRESS = [
  (n: number) => `説明会を${n}回開催し、事業の周知に努めた。`,
  (n: number) => `関係団体と連携し、${n}件の取組を支援した。`,
  (n: number) => `前年度の課題を踏まえて内容を見直し、${n}人の参加があった。`,
  (n: number) => `SNSやウェブサイトで情報発信を行い、${n}件の問い合わせがあった。`,
  (n: number) => `専門家による伴走支援を${n}回実施した。`,
];
const GRANTS = ['地方創生推進交付金', 'デジタル田園都市国家構想交付金', '地方創生拠点整備交付金'];
const PARTNERS = ['隣町', '近隣3市町', '県', '広域連合'];

// ---------------------------------------------------------------------------------------------
// Generator

const round = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
};
const decimalsOf = (unit: Unit, base: number): number => (unit === '%' ? 1 : unit === '千人' && base < 1000 ? 1 : 0);
/** 令和2年 (calendar year) for a statistic lagging one year behind the fiscal year. */
const calendarYear = (year: number): string => formatFiscalYear(year, 'wareki').replace(/度$/, '');
const period = (from: number, to: number): string => `${formatFiscalYear(from, 'wareki')}〜${formatFiscalYear(to, 'wareki')}`;

function shapeOf(r: Random): Shape {
  let x = r.next();
  for (const [shape, w] of SHAPE_WEIGHTS) {
    if (x < w) return shape;
    x -= w;
  }
  return 'higher';
}

/** Splits `total` into `parts` counts of at least `min` each (when possible), at random. */
function split(r: Random, total: number, parts: number, min: number): number[] {
  const out = new Array<number>(parts).fill(0);
  if (parts === 0) return out;
  const floor = Math.min(min, Math.floor(total / parts));
  for (let i = 0; i < parts; i++) out[i] = floor;
  for (let left = total - floor * parts; left > 0; left--) out[r.int(0, parts - 1)]!++;
  return out;
}

interface Period {
  start: number;
  end: number;
  /** The year before the period: the 策定時 baseline year. */
  baseYear: number;
}

/** One KPI with its yearly records. */
function generateKpi(r: Random, p: Period): PlainKpi {
  const shape = shapeOf(r);
  const last = p.end;
  // Most targets are for the end of the period; some for the end of a first 5-year stage.
  const targetYear = p.end - p.start >= 6 && r.chance(0.15) ? p.start + 4 : p.end;

  if (shape === 'milestone') {
    const [name, verb] = r.pick(MILESTONES);
    const due = r.int(Math.min(p.start + 1, p.end), p.end);
    const doneYear = r.chance(0.85) ? due + r.int(-2, 1) : Infinity;
    const numeric = r.chance(0.3);
    const years: PlainKpiYear[] = [];
    for (let y = p.start; y <= last; y++) {
      const done = y >= doneYear;
      years.push({ fiscalYear: y, actual: numeric ? { value: done ? 1 : 0 } : { value: null, text: done ? `${verb}済み` : `${verb}に向け検討中`, done } });
    }
    return {
      name,
      unit: '件',
      kind: 'milestone',
      target: numeric ? { value: 1, text: `${name} 1件` } : { value: null, text: verb },
      targetYear: due,
      ...(numeric ? { baseline: { value: 0 }, baselineYear: p.baseYear } : {}),
      years,
    };
  }

  const [name, unit, lo, hi] = r.pick(TEMPLATES[shape]);
  const percent = unit === '%';
  const clampValue = (v: number) => (shape === 'signed' ? v : Math.max(0, percent ? Math.min(100, v) : v));

  if (shape === 'cumulative') {
    const perYear = r.between(lo, hi);
    const n = targetYear - p.start + 1;
    const target = Math.round(perYear * n);
    const pace = r.between(0.5, 1.3);
    let total = 0;
    const years: PlainKpiYear[] = [];
    for (let y = p.start; y <= last; y++) {
      total += Math.max(0, Math.round(perYear * pace * r.between(0.5, 1.5)));
      years.push({ fiscalYear: y, actual: { value: total, statPeriod: period(p.start, y) } });
    }
    return {
      name,
      unit,
      cumulative: true,
      cumulativeFrom: p.start,
      target: { value: target, statPeriod: period(p.start, targetYear) },
      targetYear,
      years: decorate(r, years, last, { survey: false, unit, cancellable: false }),
    };
  }

  const base = r.between(lo, hi);
  const decimals = decimalsOf(unit, Math.abs(base));
  const baseline = round(base, decimals);
  let target: number;
  switch (shape) {
    case 'higher':
      target = clampValue(base * (1 + r.between(0.05, 0.6)));
      break;
    case 'lower':
      target = name === '待機児童数' && r.chance(0.6) ? 0 : base * (1 - r.between(0.1, 0.5));
      break;
    case 'atLeast':
      target = clampValue(base * r.between(0.95, 1.1));
      break;
    case 'atMost':
      target = base * r.between(0.9, 1.05);
      break;
    case 'signed':
      target = r.chance(0.6) ? 0 : base / 2;
      break;
  }
  target = round(target, decimals);
  const direction = shape === 'signed' ? 'higher' : shape;
  const span = targetYear - p.baseYear;
  const threshold = shape === 'atLeast' || shape === 'atMost';
  // How well this KPI does: the share of the planned way it makes (1 = on plan).
  const pace = r.between(0.2, 1.4);
  const noise = Math.max(Math.abs(target - baseline) * 0.15, Math.abs(baseline) * 0.03, 10 ** -decimals);
  const yearly = !threshold && r.chance(0.12);
  const survey = percent && /割合|満足/.test(name);
  const statLag = r.chance(0.1);

  const years: PlainKpiYear[] = [];
  for (let y = p.start; y <= last; y++) {
    const k = Math.min(y - p.baseYear, span * 1.3) / span;
    const planned = baseline + (target - baseline) * Math.min(k, 1);
    const value = threshold
      ? target * (1 + (direction === 'atLeast' ? 1 : -1) * r.between(-0.12, 0.15))
      : baseline + (target - baseline) * k * pace + r.between(-1, 1) * noise;
    const actual: Measurement = { value: round(clampValue(value), decimals) };
    if (statLag) actual.statPeriod = calendarYear(y);
    if (survey && r.chance(0.08)) {
      actual.value = null;
      actual.status = 'notConducted';
    }
    const year: PlainKpiYear = { fiscalYear: y, actual };
    if (yearly && y <= targetYear) year.target = { value: round(clampValue(planned * r.between(0.97, 1.03)), decimals) };
    const due = threshold ? target : planned;
    if (actual.value !== null && (direction === 'lower' || direction === 'atMost' ? actual.value > due : actual.value < due) && r.chance(0.6)) {
      year.shortfallReason = COVID(y) && r.chance(0.5) ? COVID_SHORTFALL : r.pick(SHORTFALLS);
    }
    years.push(year);
  }
  return {
    name,
    unit,
    direction,
    baseline: statLag ? { value: baseline, statPeriod: calendarYear(p.baseYear) } : { value: baseline },
    baselineYear: p.baseYear,
    target: { value: target },
    targetYear,
    ...(r.chance(0.1) ? { note: '出典: 市民アンケート調査' } : {}),
    years: decorate(r, years, last, { survey, unit, cancellable: !survey && (shape === 'higher' || shape === 'atLeast') }),
  };
}

/** Gaps, statuses, remarks and 速報値 as real tables have them. */
function decorate(r: Random, years: PlainKpiYear[], last: number, o: { survey: boolean; unit: Unit; cancellable: boolean }): PlainKpiYear[] {
  // A few KPIs are evaluated by the prefecture for the whole area: 県全体で評価 in every year.
  if (r.chance(0.02)) {
    return years.map((y) => ({ fiscalYear: y.fiscalYear, actual: { value: null, status: 'evaluatedElsewhere' } }));
  }
  const out: PlainKpiYear[] = [];
  for (const y of years) {
    const a = y.actual;
    if (!a || a.status || a.value === null) {
      out.push(y);
      continue;
    }
    if (y.fiscalYear === last) {
      // The latest year: often still being tabulated, or a provisional figure.
      if (r.chance(0.2)) {
        out.push({ ...y, actual: { value: null, status: 'collecting' } });
        continue;
      }
      if (r.chance(0.25)) a.provisional = true;
    } else if (r.chance(0.03)) {
      // A blank cell: nothing entered that year.
      const { actual: _dropped, ...rest } = y;
      if (rest.target) out.push(rest);
      continue;
    } else if (r.chance(0.01)) {
      out.push({ ...y, actual: { value: null, status: 'collecting' } });
      continue;
    }
    if (o.cancellable && COVID(y.fiscalYear) && r.chance(0.03)) {
      // The event was called off: 0 with the reason beside it.
      a.value = 0;
      a.remark = COVID_REMARK;
    } else if (r.chance(0.02)) {
      a.remark = r.pick(REMARKS);
    }
    if (!o.survey && o.unit !== '%' && a.value >= 100 && r.chance(0.01)) {
      // 約: a round figure.
      a.approximate = true;
      a.value = Math.round(a.value / 10) * 10;
    }
    out.push(y);
  }
  return out;
}

function projectYears(r: Random, p: Period, name: string): PlainProjectYear[] {
  const budget = r.int(5, 5000) * 10; // 千円
  const grant = r.chance(0.25) ? r.pick(GRANTS) : '';
  const out: PlainProjectYear[] = [];
  for (let y = p.start; y <= p.end; y++) {
    const b = Math.round(budget * r.between(0.8, 1.2));
    const closed = y < p.end;
    const settlement = closed ? Math.round(b * r.between(0.85, 1)) : null;
    const national = grant ? Math.round(b * 0.5) : r.chance(0.3) ? Math.round(b * r.between(0.1, 0.5)) : 0;
    const year: PlainProjectYear = {
      fiscalYear: y,
      plan: `${name}を計画的に実施する。`,
      progress: r.pick(PROGRESS)(r.int(2, 60)),
      moneyUnit: '千円',
      budget: b,
      settlement,
      fundNational: national,
      fundGeneral: b - national,
      projectCost: settlement ?? b,
    };
    if (grant) {
      year.grantName = grant;
      year.grantAmount = national;
    }
    if (closed) {
      const effective = r.chance(0.8);
      year.effectiveness = effective ? 'effective' : 'notEffective';
      year.impact = effective ? r.pick(['very', 'considerable', 'some'] as const) : 'none';
      year.policy = effective ? r.pick(['continue', 'continue', 'expand', 'improve'] as const) : r.pick(['improve', 'discontinue'] as const);
      year.revision = r.chance(0.1) ? 'needed' : 'notNeeded';
      if (!effective) year.effectivenessReason = 'KPIの実績が目標を下回ったため。';
    }
    out.push(year);
  }
  return out;
}

/**
 * Generates a strategy with exactly `goals` 基本目標, `projects` projects and `kpis` KPIs (two
 * 数値目標 per goal when there are KPIs enough, the rest spread over the projects) over `years`
 * fiscal years from `startYear`, every KPI with yearly records for the whole period.
 */
export function generateStrategy(options: GenerateOptions): PlainStrategy {
  const goalCount = Math.max(1, Math.trunc(options.goals));
  const projectCount = Math.max(0, Math.trunc(options.projects));
  const kpiCount = Math.max(0, Math.trunc(options.kpis));
  const yearCount = Math.max(1, Math.trunc(options.years));
  const start = Math.trunc(options.startYear ?? 2015);
  const p: Period = { start, end: start + yearCount - 1, baseYear: start - 1 };
  const r = seededRandom(options.seed);

  // KPIs: two 数値目標 per goal if that leaves at least one per project, the rest over the projects.
  const perGoalKpis = kpiCount >= goalCount * 2 + projectCount ? 2 : 0;
  const projectsPerGoal = split(r, projectCount, goalCount, 1);
  const kpisPerProject = split(r, kpiCount - perGoalKpis * goalCount, projectCount, 1);
  // Without projects every KPI is a 数値目標.
  const goalKpiCounts = projectCount === 0 ? split(r, kpiCount, goalCount, 0) : new Array<number>(goalCount).fill(perGoalKpis);

  let projectIndex = 0;
  const goals: PlainGoal[] = [];
  for (let g = 0; g < goalCount; g++) {
    const theme = THEMES[g % THEMES.length]!;
    const lap = Math.floor(g / THEMES.length);
    const number = String(g + 1);

    // 施策: 3–5 per goal, some with nested ones; projects go to the leaves (a few straight under the goal).
    const measures: PlainMeasure[] = [];
    const leaves: PlainMeasure[] = [];
    const measureCount = Math.min(theme.measures.length, r.int(3, 5));
    for (let m = 0; m < measureCount; m++) {
      const measure: PlainMeasure = {
        number: `${number}-${m + 1}`,
        title: theme.measures[m]!,
        description: `${theme.measures[m]}に向けた取組を進める。`,
        projects: [],
      };
      measures.push(measure);
      if (r.chance(0.3)) {
        measure.measures = [];
        for (let n = 0, count = r.int(2, 3); n < count; n++) {
          const sub: PlainMeasure = { number: `(${n + 1})`, title: `${theme.measures[m]}（${['重点', '基盤', '連携'][n]}）`, projects: [] };
          measure.measures.push(sub);
          leaves.push(sub);
        }
      } else {
        leaves.push(measure);
      }
    }
    const direct: PlainProject[] = [];

    for (let i = 0; i < projectsPerGoal[g]!; i++, projectIndex++) {
      const subject = r.pick(theme.subjects);
      const name = `${subject}${r.pick(ACTIONS)}事業`;
      const departments = [r.pick(theme.departments)];
      if (r.chance(0.15)) {
        const other = r.pick(THEMES[r.int(0, THEMES.length - 1)]!.departments);
        if (other !== departments[0]) departments.push(other);
      }
      const kpis: PlainKpi[] = [];
      for (let k = 0; k < kpisPerProject[projectIndex]!; k++) kpis.push(generateKpi(r, p));
      const category: ProjectCategory = r.pick(['new', 'continuing', 'continuing', 'revised'] as const);
      const project: PlainProject = {
        number: `${number}-${String(i + 1).padStart(2, '0')}`,
        name,
        summary: `${subject}の取組を${r.pick(ACTIONS)}し、${theme.directions[i % theme.directions.length]}につなげる。`,
        departments,
        category,
        periodStart: p.start,
        periodEnd: p.end,
        sdgs: [...new Set([r.int(1, 17), r.int(1, 17)])].sort((a, b) => a - b),
        kpis,
        years: projectYears(r, p, name),
      };
      if (r.chance(0.05)) project.partners = [r.pick(PARTNERS)];
      if (r.chance(0.05)) project.kpiNote = '県及び県内市町全体での評価のため省略';
      (r.chance(0.05) || leaves.length === 0 ? direct : r.pick(leaves).projects!).push(project);
    }

    const goalKpis: PlainKpi[] = [];
    for (let k = 0; k < goalKpiCounts[g]!; k++) goalKpis.push(generateKpi(r, p));
    goals.push({
      number,
      title: lap === 0 ? theme.title : `${theme.title}（その${lap + 1}）`,
      directions: theme.directions,
      kpis: goalKpis,
      projects: direct,
      measures,
    });
  }

  const municipality = options.municipality ?? 'さくら台市';
  return {
    municipality,
    name: `第${Math.max(1, Math.floor((start - 2015) / 5) + 1)}期${municipality}まち・ひと・しごと創生総合戦略`,
    startYear: p.start,
    endYear: p.end,
    note: `生成データ（seed ${options.seed}、基本目標${goalCount}、事業${projectCount}、KPI${kpiCount}、${yearCount}年度）`,
    goals,
  };
}
