/* global customElements, localStorage, location, URLSearchParams, matchMedia */
// The app-patterns demo: a little shop whose cart the assistant changes through a client tool
// (`update_cart`), whose product tiles react to a client effect (`highlight_product`), and whose
// recommendation card buttons are handled here without a server round trip (`widgets.onAction`). The
// server side is server/use-cases/shop/.

/** The catalogue (server/use-cases/shop/shop-catalog.ts has the same ids, names and prices). */
const PRODUCTS = [
  { id: 'trail-jacket', name: 'Trail jacket', price: 129, swatch: 'a', blurb: 'Windproof, breathable.' },
  { id: 'rain-shell', name: 'Rain shell', price: 89, swatch: 'b', blurb: 'Packs into its pocket.' },
  { id: 'wool-beanie', name: 'Wool beanie', price: 24, swatch: 'c', blurb: 'Merino, warm and soft.' },
  { id: 'day-pack', name: 'Day pack', price: 69, swatch: 'd', blurb: '22 litres, laptop sleeve.' },
];
const STORAGE_KEY = 'chatkit-demo-patterns-cart';
const byId = (id) => PRODUCTS.find((product) => product.id === id);
const euro = (amount) => `€${amount}`;

const params = new URLSearchParams(location.search);
const theme = params.get('theme') ?? 'light';
const chat = document.querySelector('chatkit-chat');
chat.setAttribute('theme', theme);
const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
if (dark) document.body.classList.add('dark-page');

// ─── The cart: the page's own state ───
/** @type {Record<string, number>} product id → quantity */
let cart = {};
try {
  cart = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') ?? {};
} catch {
  cart = {};
}

function cartLines() {
  return PRODUCTS.filter((product) => cart[product.id] > 0).map((product) => ({
    product: product.id,
    name: product.name,
    quantity: cart[product.id],
    price: euro(product.price * cart[product.id]),
  }));
}
function cartCount() {
  return Object.values(cart).reduce((sum, quantity) => sum + quantity, 0);
}
function cartTotal() {
  return PRODUCTS.reduce((sum, product) => sum + product.price * (cart[product.id] ?? 0), 0);
}
function describeCart() {
  const count = cartCount();
  if (count === 0) return 'Your cart is empty now.';
  return `Your cart: ${count} item${count === 1 ? '' : 's'}, ${euro(cartTotal())}.`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderCart() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(cart));
  const list = document.getElementById('cart-lines');
  list.replaceChildren(
    ...cartLines().map((line) => {
      const row = element('li', 'cart-line');
      row.dataset.product = line.product;
      row.append(
        element('span', 'cart-name', line.name),
        element('span', 'cart-qty', `× ${line.quantity}`),
        element('span', 'cart-price', line.price),
      );
      const remove = element('button', 'cart-remove', 'Remove');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${line.name}`);
      remove.addEventListener('click', () => {
        delete cart[line.product];
        renderCart();
      });
      row.append(remove);
      return row;
    }),
  );
  const count = cartCount();
  document.getElementById('cart-empty').hidden = count > 0;
  const total = document.getElementById('cart-total');
  total.hidden = count === 0;
  total.textContent = `${count} item${count === 1 ? '' : 's'} · Total ${euro(cartTotal())}`;
  document.getElementById('cart-title').textContent = count ? `Your cart (${count})` : 'Your cart';
}

function pulse(node) {
  node.classList.remove('pulse');
  // Restart the animation (reading layout commits the removal).
  void node.offsetWidth;
  node.classList.add('pulse');
}

function addToCart(id, quantity = 1) {
  cart[id] = Math.min(99, (cart[id] ?? 0) + quantity);
  renderCart();
  pulse(document.getElementById('cart'));
}

let toastTimer = 0;
function toast(text) {
  const node = document.getElementById('toast');
  node.textContent = text;
  node.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => node.classList.remove('shown'), 4000);
}

function highlight(id) {
  for (const tile of document.querySelectorAll('.tile')) {
    tile.classList.toggle('suggested', tile.dataset.product === id);
  }
  const tile = document.querySelector(`.tile[data-product="${id}"]`);
  if (!tile) return;
  tile.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  pulse(tile);
}

function renderProducts() {
  document.getElementById('products').replaceChildren(
    ...PRODUCTS.map((product) => {
      const tile = element('li', 'tile');
      tile.dataset.product = product.id;
      const add = element('button', 'tile-add', 'Add');
      add.type = 'button';
      add.setAttribute('aria-label', `Add ${product.name} to cart`);
      add.addEventListener('click', () => addToCart(product.id));
      tile.append(
        element('div', `swatch ${product.swatch}`),
        element('span', 'tile-badge', 'Suggested'),
        element('h3', '', product.name),
        element('p', 'tile-blurb', product.blurb),
        element('div', 'tile-foot'),
      );
      tile.lastChild.append(element('span', 'price', euro(product.price)), add);
      return tile;
    }),
  );
}

// ─── The client tool: the assistant changes the cart ───
function updateCart({ action, product, quantity } = {}) {
  if (action === 'clear') {
    cart = {};
    renderCart();
    pulse(document.getElementById('cart'));
    return { cart: [], item_count: 0, total: euro(0), summary: 'Your cart is empty now.' };
  }
  const item = byId(product);
  if (!item) {
    const known = PRODUCTS.map((p) => p.id).join(', ');
    return {
      error: product ? `No product “${product}”; the products are ${known}.` : `Which product? ${known}.`,
    };
  }
  let done;
  if (action === 'add') {
    const count = Number.isInteger(quantity) && quantity > 0 ? quantity : 1;
    addToCart(item.id, count);
    done = `Added ${count} × ${item.name}.`;
  } else if (action === 'remove') {
    const had = cart[item.id] ?? 0;
    if (had === 0) done = `The ${item.name} was not in your cart.`;
    else {
      const left = Number.isInteger(quantity) && quantity > 0 ? had - quantity : 0;
      if (left > 0) cart[item.id] = left;
      else delete cart[item.id];
      renderCart();
      pulse(document.getElementById('cart'));
      done = `Removed ${had - Math.max(left, 0)} × ${item.name}.`;
    }
  } else return { error: `Unknown cart action “${action}”.` };
  return {
    cart: cartLines(),
    item_count: cartCount(),
    total: euro(cartTotal()),
    summary: `${done} ${describeCart()}`,
  };
}

renderProducts();
renderCart();

const models = (params.get('models') ?? 'gpt-4.1-mini,gpt-4.1').split(',').filter(Boolean);
const MODEL_LABELS = { 'gpt-4.1-mini': 'Fast', 'gpt-4.1': 'Thorough' };

customElements.whenDefined('chatkit-chat').then(() => {
  chat.setOptions({
    startScreen: {
      greeting: 'Hi! I can fill your cart, recommend gear or help you choose.',
      prompts: [
        { label: 'Something for rainy days', prompt: 'Recommend something for rainy days', icon: 'sparkle' },
        { label: 'Add a beanie to my cart', prompt: 'Add the wool beanie to my cart', icon: 'plus' },
        { label: 'Help me choose', prompt: 'Help me choose', icon: 'circle-question' },
      ],
    },
    composer: {
      placeholder: 'Ask about products or your cart',
      tools: [
        {
          id: 'staff-pick',
          label: 'Staff pick',
          icon: 'star',
          pinned: true,
          placeholderOverride: 'What do you need it for?',
        },
        {
          id: 'shop',
          label: 'Shop assistant only',
          shortLabel: 'Shop',
          icon: 'suitcase',
          placeholderOverride: 'Ask about products or your cart',
        },
      ],
      models: models.map((id, i) => ({
        id,
        label: MODEL_LABELS[id] ?? id,
        ...(MODEL_LABELS[id] ? { description: id } : {}),
        ...(i === 0 ? { default: true } : {}),
      })),
    },
    // The recommendation card's buttons are handled here: no request reaches the server.
    widgets: {
      onAction: (action) => {
        const product = byId(action.payload?.product_id);
        if (!product) return;
        if (action.type === 'shop.add_to_cart') {
          addToCart(product.id);
          toast(`Added ${product.name} to your cart`);
        } else if (action.type === 'shop.show_product') {
          highlight(product.id);
        }
      },
    },
    onClientTool: ({ name, params: args }) =>
      name === 'update_cart'
        ? updateCart(args)
        : name === 'get_time'
          ? { time: new Date().toISOString() }
          : { error: `This page has no tool “${name}”.` },
  });
});

// The client effect of a recommendation: highlight the product on the page.
chat.addEventListener('chatkit.effect', (event) => {
  const { name, data } = event.detail;
  if (name !== 'highlight_product') return;
  const product = byId(data?.product_id);
  if (!product) return;
  highlight(product.id);
  toast(`The assistant suggests the ${product.name}`);
});
