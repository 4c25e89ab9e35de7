/**
 * The words around Chinese names that say what they are: organisation and place suffixes, titles
 * and forms of address, and the bodies that stand alone as organisations (市委, 国务院).
 */

/** Ends of organisation names: a place or name before them makes one organisation (喀什地区公安局). */
export const ORG_SUFFIXES = [
  '委员会', '常委会', '党委', '党组', '政府', '人民政府', '公安局', '公安厅', '派出所', '检察院', '法院', '人民法院', '监狱', '看守所',
  '大学', '学院', '中学', '小学', '学校', '研究院', '研究所', '研究中心', '科学院', '医院', '公司', '集团', '银行', '协会', '学会',
  '联合会', '基金会', '商会', '工会', '俱乐部', '办公室', '办公厅', '委', '部', '厅', '局', '署', '处', '院', '所', '队', '社',
  '报社', '电视台', '电台', '出版社', '通讯社', '中心', '总局', '总部', '分局', '支队', '大队', '中队', '军区', '党', '联盟', '组织',
  '女队', '男队', '代表团', '艺术团', '球队', '国家队', '基地', '工厂', '厂', '店', '站', '馆', '团', '会', '署', '办', '司', '报', '军', '师', '旅',
];

/** Ends of place names (新疆维吾尔自治区, 喀什地区, 疏附县). */
export const PLACE_SUFFIXES = ['省', '市', '县', '区', '乡', '镇', '村', '州', '自治区', '自治州', '自治县', '地区', '街道', '社区', '盟', '旗', '岛', '港', '湾', '河', '江', '湖', '山', '峰', '路', '街'];

/**
 * Titles, ranks and forms of address: a name next to one is a person (书记陈全国, 陈全国同志).
 * They follow the name (陈全国书记) or precede it (自治区党委书记陈全国).
 */
export const TITLES = [
  '书记', '副书记', '总书记', '主席', '副主席', '主任', '副主任', '县长', '副县长', '市长', '副市长', '省长', '副省长', '区长', '乡长', '镇长',
  '村长', '局长', '副局长', '处长', '科长', '厅长', '部长', '副部长', '司长', '所长', '院长', '校长', '社长', '站长', '队长', '组长',
  '委员', '常委', '代表', '总理', '副总理', '总统', '副总统', '首相', '国务卿', '大使', '参赞', '领事', '秘书长', '干事', '主管', '经理', '总经理',
  '董事长', '董事', '总裁', '行长', '教授', '副教授', '博士', '医生', '律师', '法官', '检察官', '警官', '民警', '干部', '记者', '编辑',
  '作家', '导演', '演员', '教练', '队员', '选手', '将军', '司令', '政委', '同志', '先生', '女士', '小姐', '夫人', '太太', '老师', '师傅',
  '大爷', '大娘', '老人', '烈士', '大臣', '议长', '外长', '国王', '女王', '亲王', '王子', '公主', '主教', '总督', '参议员', '众议员', '议员', '发言人', '特使', '总干事', '等人', '说', '表示', '指出', '强调', '认为', '介绍', '告诉', '称',
];

/** Titles that precede a name rather than follow it (said after the name they read as speech). */
export const SPEECH_WORDS = new Set(['说', '表示', '指出', '强调', '认为', '介绍', '告诉', '称', '等人']);

/** Bodies named without a place, as official writing names them (市委, 国务院, 中央). */
export const STANDALONE_ORGS = new Set([
  '中共中央', '国务院', '中央军委', '全国人大', '全国政协', '人大常委会', '全国人大常委会', '中纪委', '中央纪委', '中组部', '中宣部',
  '省委', '市委', '县委', '区委', '州委', '地委', '乡党委', '镇党委', '村委会', '居委会', '省政府', '市政府', '县政府', '区政府',
  '省人大', '市人大', '县人大', '省政协', '市政协', '县政协', '公安部', '外交部', '国防部', '教育部', '司法部', '财政部', '商务部',
  '新华社', '人民日报', '中共', '共产党', '国民党', '联合国', '欧盟', '北约', '东盟',
]);

/** Characters that transliterate foreign names (伊力哈木·土赫提, 卡洛斯·阿马特); a name with · made of them is a person. */
export const NAME_SEPARATORS = /[·•・‧]/;

/**
 * One-character names of countries and regions, as news writes them in pairs and compounds
 * (中美关系, 印巴, 访华, 中方, 俄总统). Only the first set starts such a pair.
 */
export const ABBREVIATIONS = new Set(Array.from('中华美俄苏日韩朝英法德意西葡荷比瑞奥澳加墨巴印以伊埃越泰菲马新蒙阿土希波捷匈罗乌南非欧亚港台京沪津渝藏疆粤闽川鲁豫皖湘鄂赣浙苏晋冀辽吉黑陕甘宁青琼桂黔滇'));
export const PAIR_FIRST = new Set(Array.from('中美俄苏日韩朝英法德意印巴以伊越泰菲欧亚港台京沪'));
/** Verbs of going to or staying in a country that take its one-character name (访华, 驻美, 进京). */
export const VISIT_CHARS = new Set(Array.from('访驻来赴抵离回进在援旅侵使出入对'));
/** What follows a one-character country name in compounds (中方, 美军, 日籍, 外资). */
export const ABBREVIATION_HEADS = new Set(Array.from('方军籍资企股商侨胞裔'));
/** Words of "two countries", "our province" …: not names, whatever jieba's dictionary says. */
export const NOT_NAME_FIRST = new Set(Array.from('两各本该我外全他其此诸列邻友异祖故强大小贵敝'));

/**
 * Two-character surnames (欧阳振华, 司马光, 诸葛亮): the name is the surname and one or two given
 * characters. Those that are also ordinary words (东方 "east", 西门 "west gate", 长孙 "eldest
 * grandson") count for less, so that they need a given name that looks like one.
 */
export const COMPOUND_SURNAMES = new Map<string, number>([
  ...Array.from(['欧阳', '司马', '诸葛', '上官', '皇甫', '令狐', '公孙', '慕容', '夏侯', '尉迟', '宇文', '司徒', '端木', '独孤', '司空', '澹台', '公冶', '宗政', '濮阳', '淳于', '太叔', '申屠', '轩辕', '呼延', '东郭', '闻人', '万俟', '赫连', '钟离', '拓跋', '完颜', '乐正', '漆雕', '公羊', '仲孙', '羊舌', '巫马', '左丘', '梁丘', '谷梁', '颛孙', '壤驷', '公良'], (s): [string, number] => [s, 0.8]),
  ...Array.from(['东方', '长孙', '南宫', '西门', '北宫', '公西', '段干', '鲜于', '亓官', '司寇', '闾丘', '东门'], (s): [string, number] => [s, 0.5]),
]);
