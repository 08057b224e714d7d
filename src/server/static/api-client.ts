/**
 * The dashboard's API client (served at `/static/api.js`). The token comes from `?token=` or
 * `#token=` in the page address (then removed from the address bar and kept in sessionStorage
 * for the tab), or from a prompt when an API answers 401. Every fetch sends it as a bearer token.
 */

/** Browser script: defines `window.PropgradeApi`. */
export const API_JS = `(function () {
  'use strict';
  var KEY = 'propgrade.token';
  var prompting = null;

  function takeTokenFromAddress() {
    var url = new URL(window.location.href);
    var fromHash = new URLSearchParams(url.hash.slice(1)).get('token');
    var token = url.searchParams.get('token') || fromHash;
    if (!token) return;
    sessionStorage.setItem(KEY, token);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search);
  }

  function askForToken() {
    if (!prompting) {
      prompting = Promise.resolve().then(function () {
        var entered = window.prompt('propgrade API token (PROPGRADE_API_TOKEN)');
        if (entered) sessionStorage.setItem(KEY, entered.trim());
        prompting = null;
        return Boolean(entered);
      });
    }
    return prompting;
  }

  async function getJson(path, retried) {
    var token = sessionStorage.getItem(KEY);
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    var response = await fetch(path, { headers: headers });
    if (response.status === 401 && !retried && (await askForToken())) return getJson(path, true);
    if (response.status === 401) throw new Error('not authorised: open the page with ?token=<API token>');
    if (!response.ok) throw new Error(path + ' answered HTTP ' + response.status);
    return response.json();
  }

  function withQuery(path, params) {
    var query = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== '') query.set(k, params[k]);
    });
    var text = query.toString();
    return text ? path + '?' + text : path;
  }

  takeTokenFromAddress();
  window.PropgradeApi = { getJson: getJson, withQuery: withQuery };
})();
`;
