using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PenToscana.Modules.Identity.Features.RegisterClient;

/// <summary>What a body administrator fills in to register a service.</summary>
internal sealed record ClientRegistration(
    Guid EnteId,
    string EnteIpaCode,
    string DisplayName,
    OidcClientKind Kind,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    string MinimumSpidLevel);

/// <summary>The result of a registration: the secret is returned once and then only its hash exists.</summary>
internal sealed record RegisteredClient(string ClientId, string? ClientSecret);

/// <summary>Registers, disables, enables and deletes the OIDC clients of a body; every change is audited.</summary>
internal sealed class ClientRegistrations(IdentityDb db, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations, ApiScopeRegistry apiScopes, AuditLog audit, TimeProvider time)
{
    /// <summary>Scopes a service that signs people in may ask for.</summary>
    public static readonly string[] PersonScopes = [OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Email, OidcProvider.FiscalNumberScope, OpenIddictConstants.Scopes.OfflineAccess];

    public IReadOnlyList<ApiScope> ApiScopes => apiScopes.All;

    public async Task<Result<RegisteredClient>> RegisterAsync(ClientRegistration input, string actor, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new Error("identity.oidc-client.invalid", string.Join(" ", errors));
        }

        var registered = await CreateAsync(input, actor, ct);
        await audit.AppendAsync(new AuditRecord(actor, "identity.oidc-client.register", input.EnteId, registered.ClientId,
            $"{input.DisplayName}; {input.Kind}; scope: {string.Join(' ', input.Scopes)}; livello minimo {input.MinimumSpidLevel}"), ct);
        return registered;
    }

    /// <summary>Creates a client without validation or audit: for the demo seed, whose well-known id and secret are fixed.</summary>
    internal async Task<RegisteredClient> CreateAsync(ClientRegistration input, string actor, CancellationToken ct, string? clientId = null, string? secret = null)
    {
        clientId ??= $"{input.EnteIpaCode}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        if (input.Kind != OidcClientKind.PublicApplication)
        {
            secret ??= Base64Url(RandomNumberGenerator.GetBytes(32));
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            DisplayName = input.DisplayName,
            ClientType = input.Kind == OidcClientKind.PublicApplication ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = input.Kind == OidcClientKind.PublicApplication ? ApplicationTypes.Native : ApplicationTypes.Web,
            // The services are the bodies' own: the body administrator consents for them when registering.
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (input.Kind == OidcClientKind.Machine)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }
        else
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(input.RedirectUris.Select(u => new Uri(u)));
            descriptor.PostLogoutRedirectUris.UnionWith(input.PostLogoutRedirectUris.Select(u => new Uri(u)));
        }

        descriptor.Permissions.UnionWith(input.Scopes.Distinct().Select(s => Permissions.Prefixes.Scope + s));
        await applications.CreateAsync(descriptor, ct);
        db.OidcClients.Add(new OidcClient
        {
            ClientId = clientId,
            EnteId = input.EnteId,
            DisplayName = input.DisplayName,
            Kind = input.Kind,
            MinimumSpidLevel = input.MinimumSpidLevel,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
        });
        await db.SaveChangesAsync(ct);
        return new RegisteredClient(clientId, secret);
    }

    /// <summary>The clients the body scope lets this request see.</summary>
    public async Task<IReadOnlyList<OidcClient>> VisibleAsync(CancellationToken ct)
        => await db.OidcClients.AsNoTracking().OrderBy(c => c.DisplayName).ToListAsync(ct);

    /// <summary>A visible client, or null (the caller answers 404).</summary>
    public Task<OidcClient?> FindVisibleAsync(string clientId, CancellationToken ct)
        => db.OidcClients.SingleOrDefaultAsync(c => c.ClientId == clientId, ct);

    public async Task SetEnabledAsync(OidcClient client, bool enabled, string actor, CancellationToken ct)
    {
        client.Enabled = enabled;
        await db.SaveChangesAsync(ct);
        if (!enabled)
        {
            await RevokeAsync(client.ClientId, ct);
        }

        await audit.AppendAsync(new AuditRecord(actor, enabled ? "identity.oidc-client.enable" : "identity.oidc-client.disable", client.EnteId, client.ClientId), ct);
    }

    public async Task DeleteAsync(OidcClient client, string actor, CancellationToken ct)
    {
        await RevokeAsync(client.ClientId, ct);
        if (await applications.FindByClientIdAsync(client.ClientId, ct) is { } application)
        {
            await applications.DeleteAsync(application, ct);
        }

        db.OidcClients.Remove(client);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(actor, "identity.oidc-client.delete", client.EnteId, client.ClientId, client.DisplayName), ct);
    }

    private async Task RevokeAsync(string clientId, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is { } application && await applications.GetIdAsync(application, ct) is { } id)
        {
            await tokens.RevokeByApplicationIdAsync(id, ct);
            await authorizations.RevokeByApplicationIdAsync(id, ct);
        }
    }

    /// <summary>Italian messages for everything wrong in a registration; empty when it can be saved.</summary>
    public List<string> Validate(ClientRegistration input)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 200)
        {
            errors.Add("Indicare il nome del servizio (al massimo 200 caratteri).");
        }

        if (!SpidLevels.IsValid(input.MinimumSpidLevel))
        {
            errors.Add("Scegliere il livello SPID minimo (1, 2 o 3).");
        }

        var allowed = input.Kind == OidcClientKind.Machine ? apiScopes.All.Select(s => s.Name).ToHashSet() : PersonScopes.Concat([OpenIddictConstants.Scopes.OpenId]).ToHashSet();
        foreach (var scope in input.Scopes.Where(s => !allowed.Contains(s)))
        {
            errors.Add($"L'ambito «{scope}» non è disponibile per questo tipo di servizio.");
        }

        if (input.Kind == OidcClientKind.Machine)
        {
            if (input.Scopes.Count == 0)
            {
                errors.Add("Scegliere almeno un ambito delle API.");
            }

            return errors;
        }

        if (input.RedirectUris.Count == 0)
        {
            errors.Add("Indicare almeno un indirizzo di ritorno (redirect URI).");
        }

        foreach (var uri in input.RedirectUris.Concat(input.PostLogoutRedirectUris))
        {
            if (RedirectUriProblem(uri) is { } problem)
            {
                errors.Add($"Indirizzo di ritorno «{uri}» non valido: {problem}");
            }
        }

        return errors;
    }

    /// <summary>
    /// Why a redirect URI cannot be registered, or null. RFC 9700 (OAuth security BCP): exact, absolute, HTTPS; plain http only to
    /// the loopback address (RFC 8252 §7.3); no fragment, no user information, no wildcards.
    /// </summary>
    public static string? RedirectUriProblem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "deve essere un indirizzo completo, ad esempio https://servizio.ente.it/signin-oidc.";
        }

        if (value.Contains('*', StringComparison.Ordinal))
        {
            return "i caratteri jolly (*) non sono ammessi.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment) || value.Contains('#', StringComparison.Ordinal))
        {
            return "non può contenere un frammento (#).";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "non può contenere nome utente o password.";
        }

        bool loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp
            ? "deve usare HTTPS (http è ammesso solo verso localhost per le prove)."
            : "è ammesso solo il protocollo HTTPS.";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
