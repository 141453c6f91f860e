/*
 * The Joinery console: GraphiQL wired to this server's /v1/graphql (SPEC §13).
 *
 * - The headers editor starts with an empty admin secret and Authorization header. Headers whose
 *   value is empty are not sent, so the page works as is on a server without an admin secret, and
 *   the user fills in the one they use.
 * - When the headers change (and are valid JSON), GraphiQL gets a new fetcher, which makes it load
 *   the schema again with them: the schema explorer and autocompletion follow the secret or role.
 * - Headers stay in the page (GraphiQL's "persist headers" setting is off unless the user turns it
 *   on), so a secret typed here is not written to local storage.
 */
(function () {
  'use strict';

  var DEFAULT_HEADERS = JSON.stringify({ 'x-hasura-admin-secret': '', 'Authorization': '' }, null, 2);

  var DEFAULT_QUERY = [
    '# Welcome to the Joinery console.',
    '#',
    '# Type a query and run it with Ctrl-Enter or the run button; it is sent to /v1/graphql.',
    '# If the server has an admin secret, fill in "x-hasura-admin-secret" in the Headers tab',
    '# below, or "Authorization": "Bearer <JWT>" to run as a user. Empty headers are not sent.',
    '',
  ].join('\n');

  var HEADERS_SETTLE_MS = 700;

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var sentHeaders = JSON.stringify(withoutEmptyHeaders(JSON.parse(DEFAULT_HEADERS)));
  var settling = null;

  function withoutEmptyHeaders(headers) {
    var kept = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      if (value !== undefined && value !== null && String(value).trim() !== '') {
        kept[name] = value;
      }
    });
    return kept;
  }

  function newFetcher() {
    var send = GraphiQL.createFetcher({
      url: new URL('/v1/graphql', window.location.href).toString(),
      enableIncrementalDelivery: false,
    });
    return function (params, options) {
      var opts = Object.assign({}, options, { headers: withoutEmptyHeaders(options && options.headers) });
      return send(params, opts);
    };
  }

  function onEditHeaders(text) {
    clearTimeout(settling);
    settling = setTimeout(function () {
      var headers;
      try {
        headers = JSON.stringify(withoutEmptyHeaders(JSON.parse(text)));
      } catch (notJsonYet) {
        return;
      }
      if (headers !== sentHeaders) {
        sentHeaders = headers;
        render();
      }
    }, HEADERS_SETTLE_MS);
  }

  function render() {
    root.render(React.createElement(GraphiQL, {
      fetcher: newFetcher(),
      defaultQuery: DEFAULT_QUERY,
      defaultHeaders: DEFAULT_HEADERS,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      onEditHeaders: onEditHeaders,
    }));
  }

  render();
})();
