// Swagger UI for /api/v1/docs: loaded from a file, so the page needs no inline script.
window.addEventListener("load", function () {
  // validatorUrl null: no badge fetched from the Swagger validator (nothing is loaded from elsewhere).
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                                validatorUrl: null });
});
