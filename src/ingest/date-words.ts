/**
 * Month and weekday names as feeds write them, in English, German, French, Spanish,
 * Portuguese and Italian, lower-case and without accents (the parser strips both).
 */
const MONTHS: [number, string[]][] = [
  [1, ["jan", "january", "januar", "janv", "janvier", "ene", "enero", "janeiro", "gen", "gennaio", "jaen", "jaenner", "janner"]],
  [2, ["feb", "february", "februar", "fevr", "fev", "fevrier", "febrero", "fevereiro", "febbraio"]],
  [3, ["mar", "march", "maerz", "marz", "mrz", "maer", "mars", "marzo", "marco"]],
  [4, ["apr", "april", "avr", "avril", "abr", "abril", "aprile"]],
  [5, ["may", "mai", "mayo", "maio", "mag", "maggio"]],
  [6, ["jun", "june", "juni", "juin", "junio", "junho", "giu", "giugno"]],
  [7, ["jul", "july", "juli", "juil", "juillet", "julio", "julho", "lug", "luglio"]],
  [8, ["aug", "august", "aout", "ago", "agosto"]],
  [9, ["sep", "sept", "september", "septembre", "septiembre", "set", "setembro", "settembre"]],
  [10, ["oct", "october", "okt", "oktober", "octobre", "octubre", "out", "outubro", "ott", "ottobre"]],
  [11, ["nov", "november", "novembre", "noviembre", "novembro"]],
  [12, ["dec", "december", "dez", "dezember", "decembre", "dic", "diciembre", "dezembro", "dicembre"]],
];

const WEEKDAYS = [
  "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
  "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
  "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  "mie", "jue", "vie", "sab", "dom", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
  "seg", "ter", "qua", "qui", "sex", "segunda", "terca", "quarta", "quinta", "sexta", "feira",
  "gio", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "domenica",
];

export const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as [string, number])));
export const WEEKDAY_NAMES = new Set(WEEKDAYS);

/** Zone abbreviations seen in feeds, as minutes east of UTC. */
export const ZONE_OFFSETS: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150, cet: 60, cest: 120, mez: 60, mesz: 120, met: 60,
  mest: 120, west: 60, bst: 60, ist: 330, eet: 120, eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480,
  acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780, brt: -180, art: -180,
};
