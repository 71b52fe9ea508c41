/**
 * A readable name for the device behind a session or event, from its `User-Agent`: "Chrome 140 on
 * Linux", "Firefox 128 on Windows", "curl 8.5". Deliberately small: it only has to let people
 * recognize their own devices, not identify every browser. Unrecognized agents say so.
 */
const browsers: readonly { name: string; pattern: RegExp }[] = [
  // Order matters: Edge and Opera also claim Chrome, Chrome also claims Safari.
  { name: "Edge", pattern: /\bEdg(?:e|A|iOS)?\/(\d+)/ },
  { name: "Opera", pattern: /\bOPR\/(\d+)/ },
  { name: "Firefox", pattern: /\b(?:Firefox|FxiOS)\/(\d+)/ },
  { name: "Headless Chrome", pattern: /\bHeadlessChrome\/(\d+)/ },
  { name: "Chrome", pattern: /\b(?:Chrome|CriOS)\/(\d+)/ },
  { name: "Safari", pattern: /\bVersion\/(\d+)[\d.]*(?: Mobile\/\S+)? Safari\// },
];

const tools: readonly { name: string; pattern: RegExp }[] = [
  { name: "curl", pattern: /^curl\/(\d+(?:\.\d+)?)/ },
  { name: "hks CLI", pattern: /^hks\/(\d+(?:\.\d+)*)/ },
  { name: "Node.js", pattern: /^node(?:\/(\d+))?$/ },
];

const systems: readonly { name: string; pattern: RegExp }[] = [
  // iOS and Android first: their agents also mention Mac OS X and Linux.
  { name: "iOS", pattern: /\b(?:iPhone|iPad|iPod)\b/ },
  { name: "Android", pattern: /\bAndroid\b/ },
  { name: "Windows", pattern: /\bWindows\b/ },
  { name: "macOS", pattern: /\bMac OS X\b/ },
  { name: "ChromeOS", pattern: /\bCrOS\b/ },
  { name: "Linux", pattern: /\bLinux\b/ },
];

export function describeUserAgent(userAgent: string | null | undefined): string {
  const agent = userAgent?.trim() ?? "";
  if (agent === "") return "Unknown device";

  for (const tool of tools) {
    const match = tool.pattern.exec(agent);
    if (match) return match[1] ? `${tool.name} ${match[1]}` : tool.name;
  }

  const browser = browsers.map((candidate) => ({ name: candidate.name, match: candidate.pattern.exec(agent) })).find((candidate) => candidate.match);
  const system = systems.find((candidate) => candidate.pattern.test(agent))?.name;
  if (!browser) return system ? `Unknown browser on ${system}` : "Unknown device";
  const name = `${browser.name} ${browser.match?.[1] ?? ""}`.trim();
  return system ? `${name} on ${system}` : name;
}
