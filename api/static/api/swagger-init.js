// Starts Swagger UI on the API documentation page from the settings the page carries as JSON
// (no inline script, so the page keeps its Content-Security-Policy).
const page = document.body.dataset;
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
settings.dom_id = "#swagger-ui";
settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
if (page.apiCsrf && page.csrfToken) {
  settings.requestInterceptor = (request) => {
    request.headers["X-CSRFToken"] = page.csrfToken;
    return request;
  };
}
SwaggerUIBundle(settings);
