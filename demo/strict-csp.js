// Lists CSP violations on the page, so the strict-CSP demo shows at a glance that the element needs none.
const list = document.getElementById('violations');
document.addEventListener('securitypolicyviolation', (event) => {
  const item = document.createElement('li');
  item.textContent = `CSP violation: ${event.violatedDirective} ${event.blockedURI}`;
  list.append(item);
});
