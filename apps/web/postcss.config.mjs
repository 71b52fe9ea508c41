// Tailwind v4 runs as a single PostCSS plugin; it finds class names by scanning the app's sources.
export default {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};
