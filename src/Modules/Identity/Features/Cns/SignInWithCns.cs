using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity.Features.Cns;

/// <summary>
/// Signs in with the TLS client certificate of a CNS: the certificate is validated by the certificate scheme (chain to the
/// configured roots, validity, client-auth use), the codice fiscale is read from its subject, and a platform session starts.
/// </summary>
internal sealed partial class SignInWithCnsHandler(IdentityDb db, SignInHandler signIn, AuditLog audit, TimeProvider time, ILogger<SignInWithCnsHandler> logger)
{
    public const string Scheme = "cns";
    public const string GivenNameClaim = "given_name";
    public const string FamilyNameClaim = "family_name";

    /// <summary>Null on success, otherwise the Italian reason shown to the user.</summary>
    public async Task<string?> HandleAsync(HttpContext http, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
        {
            var reason = result.Failure?.Message ?? "no certificate";
            LogRejected(logger, reason);
            await audit.AppendAsync(new AuditRecord("anonimo", "identity.cns.rejected", Details: reason), ct);
            return result.None
                ? "Nessun certificato presentato: inserisci la carta nel lettore e scegli il certificato di autenticazione quando il browser lo chiede."
                : "Il certificato presentato non è valido per l'accesso: deve essere una CNS in corso di validità, emessa da un certificatore riconosciuto.";
        }

        var taxCode = result.Principal.FindFirstValue(PlatformClaims.TaxCode)!;
        if (!await db.People.AnyAsync(p => p.TaxCode == taxCode, ct))
        {
            var given = result.Principal.FindFirstValue(GivenNameClaim);
            var family = result.Principal.FindFirstValue(FamilyNameClaim);
            if (string.IsNullOrWhiteSpace(given) || string.IsNullOrWhiteSpace(family))
            {
                return "Il certificato non riporta nome e cognome del titolare: non è possibile registrare l'accesso.";
            }

            db.People.Add(new Person { TaxCode = taxCode, GivenName = given, FamilyName = family, CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }

        return await signIn.HandleAsync(http, taxCode, "cns", "SpidL2", ct) ? null : "Accesso non riuscito.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CNS sign-in rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
