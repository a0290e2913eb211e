using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.RegisterClient;

namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>
/// Embedded mode: one machine client per demo body, <c>demo-{ipa}</c> with secret <c>demo-secret</c> and every API scope,
/// so integrators can call the API at once (README, "API per gli integratori").
/// </summary>
internal sealed class DemoClientsSeeder(IdentityDb db, KernelDb kernel, ClientRegistrations registrations, ApiScopeRegistry scopes) : IDemoSeeder
{
    public const string Prefix = "demo-";
    public const string Secret = "demo-secret";

    public int Order => 20;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        string[] demo = [DemoBodiesSeeder.Regione, DemoBodiesSeeder.Firenze, DemoBodiesSeeder.Prato, DemoBodiesSeeder.UslCentro];
        var bodies = await kernel.Enti.AsNoTracking().Where(e => demo.Contains(e.IpaCode)).ToListAsync(cancellationToken);
        var existing = await db.OidcClients.IgnoreQueryFilters().Where(c => c.ClientId.StartsWith(Prefix)).Select(c => c.ClientId).ToListAsync(cancellationToken);
        foreach (var body in bodies.Where(b => !existing.Contains(Prefix + b.IpaCode)))
        {
            var registration = new ClientRegistration(body.Id, body.IpaCode, $"Client dimostrativo delle API - {body.Name}", OidcClientKind.Machine,
                [], [], scopes.All.Select(s => s.Name).ToList(), "SpidL1");
            await registrations.CreateAsync(registration, "seed", cancellationToken, Prefix + body.IpaCode, Secret);
        }
    }
}

/// <summary>Production refuses to start while the well-known demo clients (public secret) are in the database.</summary>
internal sealed class DemoClientsGuard(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var demo = await db.OidcClients.IgnoreQueryFilters().Where(c => c.ClientId.StartsWith(DemoClientsSeeder.Prefix))
            .Select(c => c.ClientId).ToListAsync(cancellationToken);
        if (demo.Count > 0)
        {
            throw new InvalidOperationException(
                $"Nel database sono presenti i client OIDC dimostrativi ({string.Join(", ", demo)}), con segreto pubblico: " +
                "in produzione non sono ammessi. Eliminare i client demo-* (tabelle identity_oidc_client e identity_open_iddict_applications) o usare un database senza dati dimostrativi.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Loads (or, in the embedded mode, creates) the provider's keys before the server listens: a missing production
/// certificate stops the start, and the first request does not pay for RSA key generation.
/// </summary>
internal sealed class OidcKeysWarmUp(Microsoft.Extensions.Options.IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = options.CurrentValue.SigningCredentials.Count;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
