/** Button looks shared by the console's forms and actions (Tailwind classes; any element can wear them). */
const base =
  "inline-flex items-center justify-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed";

export const buttonStyles = {
  primary: `${base} bg-indigo-600 text-white shadow-xs hover:bg-indigo-700 focus-visible:outline-indigo-600 disabled:bg-indigo-300`,
  secondary: `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus-visible:outline-indigo-600 disabled:border-slate-200 disabled:text-slate-500 disabled:hover:bg-white`,
  danger: `${base} border border-red-300 bg-white text-red-700 hover:bg-red-50 focus-visible:outline-red-600 disabled:border-slate-200 disabled:text-slate-500 disabled:hover:bg-white`,
  dangerSolid: `${base} bg-red-600 text-white shadow-xs hover:bg-red-700 focus-visible:outline-red-600 disabled:bg-red-300`,
};
