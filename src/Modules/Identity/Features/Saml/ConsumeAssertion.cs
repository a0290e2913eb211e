using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>What the ACS did: where to go after a sign-in, or why it refused.</summary>
internal sealed record AcsOutcome(string? ReturnUrl, SamlFailure? Failure);

/// <summary>
/// The assertion consumer service: validates the IdP's response (every check of <see cref="ResponseValidator"/>), consumes the
/// request once, refuses replayed assertions, creates the person on first sign-in and starts the platform session.
/// </summary>
internal sealed partial class ConsumeAssertionHandler(
    IdentityDb db, SamlContext saml, IdpRegistry registry, SamlLog log, SignInHandler signIn, TimeProvider time, ILogger<ConsumeAssertionHandler> logger)
{
    public const string IdpClaim = "saml_idp";
    public const string NameIdClaim = "saml_nameid";
    public const string NameQualifierClaim = "saml_namequalifier";
    public const string SessionIndexClaim = "saml_sessionindex";

    public async Task<AcsOutcome> HandleAsync(HttpContext http, string? samlResponse, string? relayState, CancellationToken ct)
    {
        await registry.EnsureLoadedAsync(ct);
        var sp = saml.Settings(http);
        var now = time.GetUtcNow();
        var (parsed, failure) = ResponseValidator.Read(samlResponse);
        if (parsed is null)
        {
            return await RefuseAsync(Raw(samlResponse), failure!, null, ct);
        }

        var request = parsed.InResponseTo is { Length: > 0 and <= 100 } id ? await db.SamlRequests.SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (request is null)
        {
            return await RefuseAsync(parsed.Xml, new SamlFailure("La risposta non corrisponde ad alcuna richiesta di accesso in corso: ripeti l'accesso."), null, ct);
        }

        // Each request is answered once: the conditional update is the lock, so two concurrent posts cannot both pass.
        var consumed = await db.SamlRequests.Where(r => r.Id == request.Id && r.ConsumedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedAt, now), ct);
        if (consumed == 0 || request.ExpiresAt < now || relayState != request.RelayState)
        {
            return await RefuseAsync(parsed.Xml, new SamlFailure("La richiesta di accesso è scaduta o è già stata usata: ripeti l'accesso."), request.IdpEntityId, ct);
        }

        var idp = registry.Find(request.IdpEntityId, sp.BaseUrl);
        if (idp is null)
        {
            return await RefuseAsync(parsed.Xml, new SamlFailure("Il gestore dell'identità non è più riconosciuto dalla piattaforma."), request.IdpEntityId, ct);
        }

        var outstanding = new OutstandingRequest(request.Id, request.IdpEntityId, request.IssueInstant, (SpidLevel)request.Level, request.Comparison);
        var (identity, refused) = ResponseValidator.Validate(parsed, outstanding, idp, sp, now);
        if (identity is null)
        {
            return await RefuseAsync(parsed.Xml, refused!, idp.EntityId, ct);
        }

        if (await db.SamlAssertionUses.AnyAsync(a => a.IdpEntityId == idp.EntityId && a.AssertionId == identity.AssertionId, ct))
        {
            return await RefuseAsync(parsed.Xml, new SamlFailure("Questa risposta di autenticazione è già stata usata."), idp.EntityId, ct);
        }

        if (!TaxCode.TryParse(identity.TaxCode, out var taxCode) || !taxCode.IsPerson)
        {
            return await RefuseAsync(parsed.Xml, new SamlFailure("Il codice fiscale comunicato dal gestore dell'identità non è valido."), idp.EntityId, ct);
        }

        db.SamlAssertionUses.Add(new SamlAssertionUse { AssertionId = identity.AssertionId, IdpEntityId = idp.EntityId, NotOnOrAfter = identity.AssertionNotOnOrAfter, UsedAt = now });
        var person = await db.People.SingleOrDefaultAsync(p => p.TaxCode == taxCode.Value, ct);
        if (person is null)
        {
            db.People.Add(new Person
            {
                TaxCode = taxCode.Value,
                GivenName = Limit(identity.Attribute("name") ?? "", 100),
                FamilyName = Limit(identity.Attribute("familyName") ?? "", 100),
                Email = identity.Attribute("email") is { Length: > 0 and <= 200 } email ? email : null,
                CreatedAt = now,
            });
        }

        log.Add("Response", parsed.Xml, "accettata", idp.EntityId, identity, taxCode.Value);
        await db.SaveChangesAsync(ct);
        var claims = new List<Claim>
        {
            new(IdpClaim, idp.EntityId),
            new(NameIdClaim, identity.NameId),
            new(NameQualifierClaim, identity.NameQualifier),
        };
        if (identity.SessionIndex is { Length: > 0 } sessionIndex)
        {
            claims.Add(new(SessionIndexClaim, sessionIndex));
        }

        await signIn.HandleAsync(http, taxCode.Value, idp.Kind, identity.Level.ClaimValue(), ct, claims);
        return new AcsOutcome(request.ReturnUrl, null);
    }

    private async Task<AcsOutcome> RefuseAsync(string xml, SamlFailure failure, string? idp, CancellationToken ct)
    {
        LogRefused(logger, idp ?? "?", failure.Message);
        db.ChangeTracker.Clear();
        log.Add("Response", xml, "rifiutata: " + failure.Message, idp);
        await log.SaveAsync(ct);
        return new AcsOutcome(null, failure);
    }

    private static string Raw(string? samlResponse)
    {
        var value = samlResponse ?? "";
        return value.Length > 10_000 ? value[..10_000] : value;
    }

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "SAML response from {Idp} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string idp, string reason);
}
