/**
 * The embedded sample: 関市 (岐阜県) 第2期まち・ひと・しごと創生総合戦略, progress table as of the
 * end of 令和2年度 (seed 000). Typed in from the published report: every goal with its 目指す方向性,
 * every project with its KPI, 担当課, 基準値 (平成30年度 策定時), 令和2年度 実績値 and
 * 進捗状況・課題等, and the 令和4年度 KPI目標値. "〜以上" targets are at-least thresholds.
 */
import type { PlainStrategy } from './types';

const FY_BASE = 2018; // 平成30年度 (策定時)
const FY_ACTUAL = 2020; // 令和2年度
const FY_TARGET = 2022; // 令和4年度

export const SEKI_SAMPLE: PlainStrategy = {
  municipality: '関市',
  name: '第2期関市まち・ひと・しごと創生総合戦略',
  startYear: 2020,
  endYear: 2022,
  note: '進捗状況（令和2年度末時点）。出典: 第2期関市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況',
  // 関市 leaves the verdict column blank in its 令和2年度 table: judged in the final year only.
  interimJudgement: 'finalYearOnly',
  goals: [
    {
      number: '1',
      title: '産業の振興と人材を育成するまち',
      directions: [
        '新たな時代に適合した産業への変革と中小事業所の競争力強化の支援',
        '地域経済の好循環の促進',
        '誰もが活躍できる仕事の創出',
        '個性ある観光戦略の推進',
        '農林業の経営安定化と担い手育成',
      ],
      projects: [
        {
          number: '1',
          name: '企業競争力強化支援事業（関市ビジネスプラス展の開催）',
          summary:
            '企業の優れた技術力や、高品質な製品づくりなどを発表する場を提供し、業務の提携、取引の活性化、雇用確保を進め、さらなる技術力の向上と製品の販路拡大の支援につなげる。また、広くPRすることで「ものづくりのまち・関」の市民意識を高め、全国へ発信していくことを目的に、企業展「ビジネスプラス展in SEKI」を毎年開催する。',
          departments: ['商工課'],
          kpis: [
            {
              name: 'ビジネスマッチング数（ビジネスプラス展）',
              unit: '件',
              direction: 'atLeast',
              baseline: { value: 93 },
              baselineYear: FY_BASE,
              target: { value: 90 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 0, remark: 'コロナのため中止' } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress: '新型コロナウイルス感染症拡大防止のため、令和2年度はビジネスプラス展の開催を中止した。',
            },
          ],
        },
        {
          number: '2',
          name: '商工活動支援事業（関市ビジネスサポートセンター事業）',
          summary:
            '関市ビジネスサポートセンター「Seki-Biz」を設置し、堅実に頑張る中小企業の「よくなりたい」を支援し、起業家の「夢を実現したい」を応援する経営相談所を運営する。',
          departments: ['商工課'],
          kpis: [
            {
              name: '関市ビジネスサポートセンターへの相談件数',
              unit: '件',
              direction: 'atLeast',
              baseline: { value: 1636 },
              baselineYear: FY_BASE,
              target: { value: 1620 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 1823 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '関市の産業支援拠点として、市内外の多くの方からの利用がある。令和2年11月に開設されたチャレンジショップ「本町BASE」で定期的に出張相談を実施するなど、より相談しやすい窓口を目指している。',
            },
          ],
        },
        {
          number: '3',
          name: '刃物ミュージアム回廊事業/ 観光宣伝事業',
          summary:
            '刃物にまつわる施設や神社などをつなぎ、回遊性を持った観光を推進するため、刃物ミュージアム回廊整備を推進する。PR動画の制作・配信や観光アプリの開発など、関市の認知度を高めるための様々な取組を推進する。また、日本刀鍛錬技術やご当地グルメ等、既存の関市の観光資源の魅力を高めるとともに観光シニアプロモーションを展開し、観光誘客を図る。',
          departments: ['観光課'],
          kpis: [
            {
              name: '市内全域の観光入込客数',
              unit: '千人',
              direction: 'higher',
              baseline: { value: 3534 },
              baselineYear: FY_BASE,
              target: { value: 3817 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 2372 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '新型コロナウイルスの影響により、ほぼすべての既存の観光施設等で入込客数が減少した。そのような中、令和3年3月にせきてらすをオープンし、隣接する岐阜関刃物会館とともに多くの方に来場していただいている。今後も魅力的なイベントを継続し、市内の集客に繋げていく。',
            },
          ],
        },
        {
          number: '4',
          name: '新規就農事業',
          summary:
            '市農林課、県農林事務所、JAとともに新規就農への有利な施策等の周知、啓発及び営農指導を行う。また、新規就農の相談があった場合に新規参入に向けて支援する。',
          departments: ['農林課'],
          kpis: [
            {
              name: '就農計画認定者数',
              unit: '人',
              direction: 'higher',
              baseline: { value: 6 },
              baselineYear: FY_BASE,
              target: { value: 15 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 1 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '新規就農者の相談は年間10人程度あるものの、就農に至る人が少ない。引き続き、就農できる環境づくりに努める。',
            },
          ],
        },
      ],
    },
    {
      number: '2',
      title: '魅力を高めて交流・定住・関係人口を増やすまち',
      directions: [
        '「暮らしと仕事」の情報発信と移住定住に関する支援の充実',
        'スポーツ・ヘルスケア、観光・文化、地域体験等をきっかけとした関係人口の増加',
        'ふるさと納税、企業版ふるさと納税の活用による市域の活性化',
        '新たにチャレンジできる環境の整備とまちの活力向上',
      ],
      projects: [
        {
          number: '1',
          name: 'まちづくり計画事業',
          summary:
            '今後の人口減少かにおいて持続可能で利便性の高いまちづくりを進めるため、これまでの土地利用規制・誘導や都市施設整備といった都市計画により取組に加え、立地適正化計画に基づき医療、福祉、商業など施設立地の誘導や一定エリアへの居住誘導を図る。',
          departments: ['都市計画課'],
          kpis: [
            {
              name: '居住誘導区域内転入人口',
              unit: '人',
              direction: 'atLeast',
              baseline: { value: 632 },
              baselineYear: FY_BASE,
              target: { value: 622 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 508 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '近年、下有知地区などへの転入は比較的多いが、計画で定める居住誘導区域内の令和2年度転入人口は、目標と比較し減少が大きい状況。引き続き、平賀地区での土地区画整理事業推進に係る経費を助成し、居住誘導区域内への今後の転入促進に努める。',
            },
          ],
        },
        {
          number: '2',
          name: '空き家バンク事業',
          summary:
            '市内の利用可能な空き家を登録し、移住希望者や転入者などに売買及び賃貸ができる制度。見学会から契約まで、市と協定を締結する不動産事業者による媒介の依頼をすることができる。',
          departments: ['企画広報課'],
          kpis: [
            {
              name: '空き家バンクを利用した移住者数',
              unit: '人',
              direction: 'higher',
              baseline: { value: 6 },
              baselineYear: FY_BASE,
              target: { value: 35 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 10 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '空き家バンク活用による成約数は増加している。今後は、空き家バンクへの新規登録促進が課題である。固定資産税の納税通知書を送付に併せて、本制度の効果的な周知を図っていく。',
            },
          ],
        },
      ],
    },
    {
      number: '3',
      title: '子どもを生み・育てやすく、誰もが活躍できるまち',
      directions: [
        '男女の出会いの奨励と結婚の支援',
        '妊産婦のケアとサポートの充実',
        '安心して子どもを生み育てるための子育て支援の充実',
        '未来を創る子どもたちの教育の充実',
      ],
      projects: [
        {
          number: '1',
          name: '地域子育て支援拠点の増設',
          summary:
            '各地域のふれあいセンターに地域子育て支援拠点「せきっこひろば」を開設し、子育て親子が交流できる集いの場となるとともに、児童指導員が子育てに関するよき相談相手となるなど、安心して子育てできる環境を提供する。',
          departments: ['子ども家庭課'],
          kpis: [
            {
              name: '地域子育て支援拠点数（箇所数）',
              unit: 'カ所',
              direction: 'higher',
              baseline: { value: 2 },
              baselineYear: FY_BASE,
              target: { value: 6 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 7 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '令和2年度中に、目標を上回る7カ所の地域子育て支援拠点を開設し、身近な場所で子育て親子が交流、相談できる場が提供できている。',
            },
          ],
        },
        {
          number: '2',
          name: '市の子育て支援策の充実',
          summary:
            '関市子育て応援券（ベビチケ）の発行、関市ママサポート券（妊娠～産後の育児の不安や悩みを解消し、安心して子育てできるようにママをサポートする助成券）の発行等',
          departments: ['子ども家庭課'],
          kpis: [
            {
              name: '子育て支援の市民満足度（市民アンケート調査結果）',
              unit: '%',
              direction: 'atLeast',
              baseline: { value: 87.5 },
              baselineYear: FY_BASE,
              target: { value: 87.5 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 93.5 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '令和2年度から、妊娠祝い品としてせきチケ5,000円分をプレゼントするなど子育て世帯の経済的支援を拡充し、高い満足度が得られている。',
            },
          ],
        },
      ],
    },
    {
      number: '4',
      title: '時代に合った「ちょうどいい暮らし」ができるまち',
      directions: [
        'Society5.0・ICT時代に適合したまちの創造',
        '高齢化社会に備えた人材確保と健康づくりの推進',
        '市民自治の基盤強化と住民活動の支援',
        '新たな時代に適合した施策やSDGsの理念に則った施策の推進',
        '誰もが活躍できる環境の整備とダイバーシティの推進',
      ],
      projects: [
        {
          number: '1',
          name: '若者活躍支援事業「VSプロジェクト」',
          summary:
            '市内の若者自身の成長やまちづくりのプレイヤーを育成することを目的に、10代から20代の若者と一緒に様々なまちづくり事業の企画運営を行う。',
          departments: ['市民協働課'],
          kpis: [
            {
              name: '高校生まちづくり事業数（企画の実行件数）',
              unit: '件',
              direction: 'higher',
              baseline: { value: 3 },
              baselineYear: FY_BASE,
              target: { value: 6 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 6 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '新型コロナウイルスの影響で大きな打撃を受けた地域の飲食店を応援するため、ご当地の特産品を全国の高校生団体と交換し、SNS等で紹介するプロジェクトに参加するほか、関市、美濃加茂市、各務原市の高校生を対象とした探究活動の交流会に参加するなど、6件の事業を実施した。',
            },
          ],
        },
        {
          number: '2',
          name: '行政サービスのオンライン申請導入',
          summary: 'マイナポータル「びったりサービス」を活用したあらゆる分野の手続きのオンライン申請を実現する。',
          departments: ['行政情報課'],
          kpis: [
            {
              name: 'オンライン申請可能な制度数（マイナンバーカード利用）',
              unit: '件',
              direction: 'atLeast',
              baseline: { value: 10 },
              baselineYear: FY_BASE,
              target: { value: 10 },
              targetYear: FY_TARGET,
              years: [{ fiscalYear: FY_ACTUAL, actual: { value: 15 } }],
            },
          ],
          years: [
            {
              fiscalYear: FY_ACTUAL,
              progress:
                '主に児童手当に関する手続きなど合計15件をオンライン申請可能とすることができた。さらに令和3年度以降は、関市公共施設のオンライン予約システムの導入を進める。',
            },
          ],
        },
      ],
    },
  ],
};
