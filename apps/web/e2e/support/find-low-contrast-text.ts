import type { Page } from "@playwright/test";

export interface LowContrastText {
  text: string;
  ratio: number;
  required: number;
}

/**
 * WCAG 2.1 AA text contrast (1.4.3) for every visible text node under `rootSelector`, computed in
 * the browser from the rendered colours: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
 * Colours are resolved through a canvas so any CSS colour syntax (Tailwind v4 emits oklch) works.
 * The background is the nearest opaque ancestor background; text over images is not handled,
 * which is fine for pages without background images.
 */
export async function findLowContrastText(page: Page, rootSelector = "body"): Promise<LowContrastText[]> {
  return page.evaluate((selector) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2d canvas context");

    function toRgba(color: string): [number, number, number, number] {
      context!.clearRect(0, 0, 1, 1);
      context!.fillStyle = color;
      context!.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context!.getImageData(0, 0, 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0, (a ?? 0) / 255];
    }
    function luminance([r, g, b]: number[]): number {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    }
    function backgroundOf(element: Element | null): [number, number, number] {
      for (let node = element; node; node = node.parentElement) {
        const [r, g, b, a] = toRgba(getComputedStyle(node).backgroundColor);
        if (a >= 0.99) return [r, g, b];
      }
      return [255, 255, 255];
    }

    const failures: { text: string; ratio: number; required: number }[] = [];
    const root = document.querySelector(selector);
    if (!root) throw new Error(`no element matches ${selector}`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim();
      if (!element || !text) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const hidden = style.visibility === "hidden" || box.width === 0 || box.height === 0 || element.closest("[hidden], .sr-only");
      if (hidden) continue;
      const [r, g, b, alpha] = toRgba(style.color);
      const background = backgroundOf(element);
      // Blend translucent text over its background, as the browser paints it.
      const foreground = [r, g, b].map((value, i) => value * alpha + (background[i] ?? 0) * (1 - alpha));
      const [lighter, darker] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
      const ratio = ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
      const size = parseFloat(style.fontSize);
      const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = isLarge ? 3 : 4.5;
      if (ratio < required) failures.push({ text, ratio: Math.round(ratio * 100) / 100, required });
    }
    return failures;
  }, rootSelector);
}
