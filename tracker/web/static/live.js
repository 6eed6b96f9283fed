/* Live updates of an open dashboard or item page (markers: templates/live.html; stream: /live).

   The page listens to the event stream of the signed-in session. When an event concerns it (the dashboard: any
   event; an item page: the item itself or one of its children), it fetches itself again and swaps its regions
   marked data-live, except a region that someone is using (focus inside, a field that differs from what was
   served, an action form opened): that one stays exactly as it is, and a notice offers to reload. A polite
   status tells screen readers what changed. Without JavaScript the page simply stays as it was served. */
(() => {
  "use strict";
  const status = document.querySelector("[data-live-bron]");
  if (!status || !("EventSource" in window) || !("fetch" in window) || !("DOMParser" in window)) {
    return;
  }
  const notice = document.querySelector("[data-live-melding]");
  const noticeText = notice ? notice.querySelector("[data-live-melding-tekst]") : null;
  const item = status.dataset.liveItem || null;
  const page = status.dataset.livePagina;
  let fetching = false;
  let pending = null;

  const concerns = (event) => !item || event.item === item || event.parent === item;

  const changed = (field) => {
    if (["hidden", "submit", "button", "reset"].includes(field.type)) {
      return false;
    }
    if (field.type === "file") {
      return field.files !== null && field.files.length > 0;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      const options = Array.from(field.options);
      if (field.multiple) {
        return options.some((option) => option.selected !== option.defaultSelected);
      }
      return field.selectedIndex !== Math.max(0, options.findIndex((option) => option.defaultSelected));
    }
    return field.value !== field.defaultValue;
  };

  // Swapping a region someone is in would take away their place (focus) or what they typed.
  const inUse = (region) => region.contains(document.activeElement)
    || Array.from(region.querySelectorAll("input, textarea, select")).some(changed)
    || region.querySelector("details[open]") !== null;

  const say = (text) => {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);  // the same words twice are announced twice
  };

  const showNotice = (text) => {
    if (notice && noticeText) {
      noticeText.textContent = text;
      notice.hidden = false;
    }
    say(text);
  };

  const describe = (event) => `${event.label} bij ${event.title.replace(/[.\s]+$/, "")}, door ${event.actor_name}`;

  const swap = (html, cause) => {
    const fresh = new DOMParser().parseFromString(html, "text/html");
    let kept = 0;
    document.querySelectorAll("[data-live]").forEach((region) => {
      const replacement = fresh.querySelector(`[data-live="${region.dataset.live}"]`);
      if (!replacement) {
        return;
      }
      if (inUse(region)) {
        kept += 1;
        return;
      }
      region.replaceChildren(...Array.from(replacement.childNodes, (node) => document.importNode(node, true)));
    });
    if (kept) {
      showNotice(`Er is iets gewijzigd: ${describe(cause)}. `
        + "De pagina is bijgewerkt, behalve wat u aan het invullen bent.");
    } else {
      if (notice) {
        notice.hidden = true;
      }
      say(`Bijgewerkt: ${describe(cause)}.`);
    }
  };

  const refresh = (event) => {
    pending = event;
    if (fetching) {
      return;  // one fetch at a time; the latest event waiting is fetched for next
    }
    const cause = pending;
    pending = null;
    fetching = true;
    fetch(page, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        return response.text();
      })
      .then((html) => swap(html, cause))
      .catch(() => showNotice(`Er is iets gewijzigd: ${describe(cause)}.`))
      .finally(() => {
        fetching = false;
        if (pending) {
          refresh(pending);
        }
      });
  };

  // The browser reconnects by itself when a response ends, sending the last id it received (Last-Event-ID);
  // until it has one, the address carries the head of the log the page was read at.
  const source = new EventSource(status.dataset.liveBron);
  source.addEventListener("gebeurtenis", (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (error) {
      return;
    }
    if (concerns(event)) {
      refresh(event);
    }
  });
  window.addEventListener("pagehide", () => source.close());
})();
