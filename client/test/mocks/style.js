// CSS imports in tests: an identity object (styles.foo === 'foo').
module.exports = new Proxy(
  {},
  {
    get: (_target, key) => (key === '__esModule' ? false : key),
  },
)
