/*
 * The Joinery console: GraphiQL wired to this server's /v1/graphql (SPEC §13).
 *
 * The headers editor starts with an empty admin secret and Authorization header; headers whose value
 * is empty are not sent, so the page works as is on a server without an admin secret, and the user
 * fills in the one they use. Headers are kept in the page only (GraphiQL's "persist headers" setting
 * is off unless the user turns it on), so a secret typed here is not written to local storage.
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

  var send = GraphiQL.createFetcher({
    url: new URL('/v1/graphql', window.location.href).toString(),
    enableIncrementalDelivery: false,
  });

  function fetcher(params, options) {
    var opts = Object.assign({}, options, { headers: withoutEmptyHeaders(options && options.headers) });
    return send(params, opts);
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultHeaders: DEFAULT_HEADERS,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    })
  );
})();
