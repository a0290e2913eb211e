using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>Describes the client-credentials scheme in the OpenAPI document and marks each API area with its scope.</summary>
internal sealed class OAuthDocumentTransformer(ApiScopeRegistry scopes) : IOpenApiDocumentTransformer
{
    private const string Scheme = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Token di accesso del client di un ente (client credentials); il token vede solo i dati di quell'ente. " +
                          "In alternativa, la sessione dell'operatore (cookie).",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(OidcProvider.TokenPath, UriKind.Relative),
                    Scopes = scopes.All.ToDictionary(s => s.Name, s => s.Description),
                },
            },
        };
        foreach (var (path, item) in document.Paths)
        {
            if (scopes.ForPath(path) is not { } scope || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [scope.Name] });
            }
        }

        return Task.CompletedTask;
    }
}
