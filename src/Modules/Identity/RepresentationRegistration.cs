using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Identity;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Features.Cns;
using PenToscana.Modules.Identity.Features.Delegations;
using PenToscana.Modules.Identity.Features.ManageRoles;
using PenToscana.Modules.Identity.Features.Representation;
using PenToscana.Modules.Identity.Features.Sessions;
using PenToscana.Modules.Identity.Integration;

namespace PenToscana.Modules.Identity;

/// <summary>Roles, qualifications, delegations, server-side sessions and CNS sign-in.</summary>
internal static class RepresentationRegistration
{
    public static void AddRepresentation(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddScoped<GrantRoleHandler>();
        services.AddScoped<RevokeRoleHandler>();
        services.AddScoped<ActingOptions>();
        services.AddScoped<ActAsHandler>();
        services.AddScoped<DelegateAccessHandler>();
        services.AddScoped<RevokeDelegationHandler>();
        services.AddScoped<MySessions>();
        services.AddScoped<SignInWithCnsHandler>();
        services.AddScoped<IIdentityApi, IdentityApi>();
        services.AddScoped<PenToscana.Kernel.Modules.IDemoSeeder, DemoQualificationsSeeder>();

        services.AddSingleton(sp =>
        {
            var cfg = sp.GetRequiredService<IConfiguration>();
            return new SessionLimits(
                TimeSpan.FromMinutes(cfg.GetValue("Identity:Sessions:IdleMinutes", 30)),
                TimeSpan.FromHours(cfg.GetValue("Identity:Sessions:AbsoluteHours", 8.0)));
        });
        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<DbTicketStore, SessionLimits>((o, store, limits) =>
            {
                o.SessionStore = store;
                o.ExpireTimeSpan = limits.Idle;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = DropStaleRepresentationAsync;
            });

        services.AddAuthentication().AddCertificate(SignInWithCnsHandler.Scheme);
        services.AddOptions<CertificateAuthenticationOptions>(SignInWithCnsHandler.Scheme).Configure<IConfiguration>((o, cfg) =>
        {
            o.AllowedCertificateTypes = CertificateTypes.Chained;
            o.ValidateCertificateUse = true;
            o.ValidateValidityPeriod = true;
            o.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            o.RevocationMode = Enum.TryParse<X509RevocationMode>(cfg["Identity:Cns:RevocationMode"], true, out var mode) ? mode : X509RevocationMode.Online;
            if (cfg["Identity:Cns:TrustedRootsFile"] is { Length: > 0 } roots)
            {
                o.CustomTrustStore.ImportFromPemFile(roots);
            }

            o.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = context =>
                {
                    var holder = CnsCertificate.Read(context.ClientCertificate);
                    if (holder is null)
                    {
                        context.Fail("The certificate subject carries no valid codice fiscale.");
                        return Task.CompletedTask;
                    }

                    var claims = new List<Claim> { new(PlatformClaims.TaxCode, holder.TaxCode) };
                    if (holder.GivenName is not null)
                    {
                        claims.Add(new(SignInWithCnsHandler.GivenNameClaim, holder.GivenName));
                    }

                    if (holder.FamilyName is not null)
                    {
                        claims.Add(new(SignInWithCnsHandler.FamilyNameClaim, holder.FamilyName));
                    }

                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, context.Scheme.Name));
                    context.Success();
                    return Task.CompletedTask;
                },
            };
        });

        // Behind a TLS-terminating proxy the certificate arrives in a header; only enable this where the proxy strips
        // the header from client requests, or anyone could claim any certificate.
        services.AddCertificateForwarding(o =>
        {
            o.CertificateHeader = configuration["Identity:Cns:ForwardedHeader"] is { Length: > 0 } header ? header : "X-Client-Cert";
            o.HeaderConverter = ParseForwardedCertificate;
        });

        // Directly on Kestrel: ask browsers for a client certificate ("allow": at the handshake; "delay": only when /accedi/cns asks).
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var mode = context.Configuration["Identity:Cns:KestrelClientCertificates"];
            if (mode is { Length: > 0 })
            {
                kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ClientCertificateMode = string.Equals(mode, "delay", StringComparison.OrdinalIgnoreCase)
                        ? ClientCertificateMode.DelayCertificate
                        : ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate(); // the cns scheme validates the chain against the CNS roots
                });
            }
        });
    }

    /// <summary>
    /// A revoked or expired delegation (or a lapsed qualification) stops working at the next request, not at the next
    /// sign-in: the session goes back to acting for the person themselves.
    /// </summary>
    private static async Task DropStaleRepresentationAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var represented = principal?.FindFirst(PlatformClaims.OnBehalfOf)?.Value;
        var taxCode = principal?.FindFirst(PlatformClaims.TaxCode)?.Value;
        if (principal is null || represented is null || taxCode is null)
        {
            return;
        }

        var options = context.HttpContext.RequestServices.GetRequiredService<ActingOptions>();
        if ((await options.ForAsync(taxCode, context.HttpContext.RequestAborted)).Any(o => o.Id == represented))
        {
            return;
        }

        var claims = principal.Claims.Where(c => c.Type is not PlatformClaims.OnBehalfOf and not PlatformClaims.OnBehalfOfName);
        context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PlatformClaims.Name, null)));
        context.ShouldRenew = true;
    }

    public static void UseRepresentation(WebApplication app)
    {
        if (app.Configuration["Identity:Cns:ForwardedHeader"] is { Length: > 0 })
        {
            app.UseCertificateForwarding();
        }
    }

    public static bool CnsEnabled(IConfiguration configuration) => configuration["Identity:Cns:TrustedRootsFile"] is { Length: > 0 };

    /// <summary>Accepts base64 DER (IIS ARR, Azure) or PEM, possibly URL-encoded (nginx <c>$ssl_client_escaped_cert</c>).</summary>
    internal static X509Certificate2 ParseForwardedCertificate(string value)
    {
        var text = Uri.UnescapeDataString(value.Trim());
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return X509Certificate2.CreateFromPem(text);
        }

        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
    }
}
