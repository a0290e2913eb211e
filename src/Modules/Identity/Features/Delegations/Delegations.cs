using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Delegations;

internal sealed record DelegateAccessRequest(string? DelegateTaxCode, bool AllServices, string? Services, DateOnly? ExpiresOn);

/// <summary>A citizen delegates another person to act for them on all or chosen services until a date (end of that day, Italian time).</summary>
internal sealed class DelegateAccessHandler(IdentityDb db, ICurrentUser user, AuditLog audit, TimeProvider time)
{
    /// <summary>A local delega is not open-ended: at most a year, then it is renewed consciously.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    public async Task<Result<Guid>> HandleAsync(DelegateAccessRequest request, CancellationToken ct)
    {
        var me = user.TaxCode ?? throw new InvalidOperationException("Delegating requires a signed-in person.");
        if (user.OnBehalfOf is not null)
        {
            return Result.Failure<Guid>(new Error("", "Le deleghe si conferiscono a nome proprio: torna ad agire per te stesso."));
        }

        var delegateCode = TaxCode.Create(request.DelegateTaxCode);
        if (delegateCode.IsFailure)
        {
            return Result.Failure<Guid>(new Error("DelegateTaxCode", delegateCode.Error!.Message));
        }

        if (!delegateCode.Value.IsPerson)
        {
            return Result.Failure<Guid>(new Error("DelegateTaxCode", "Il delegato è una persona: serve un codice fiscale di 16 caratteri."));
        }

        if (delegateCode.Value.Value == me)
        {
            return Result.Failure<Guid>(new Error("DelegateTaxCode", "Non puoi delegare te stesso."));
        }

        string? services = null;
        if (!request.AllServices)
        {
            var list = (request.Services ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToLowerInvariant()).Distinct().ToList();
            if (list.Count == 0)
            {
                return Result.Failure<Guid>(new Error("Services", "Indica almeno un servizio oppure scegli «tutti i servizi»."));
            }

            services = string.Join(',', list);
            if (services.Length > 1000)
            {
                return Result.Failure<Guid>(new Error("Services", "Troppi servizi: usa «tutti i servizi» o riduci l'elenco."));
            }
        }

        var now = time.GetUtcNow();
        if (request.ExpiresOn is not { } day)
        {
            return Result.Failure<Guid>(new Error("ExpiresOn", "Indica la data di scadenza della delega."));
        }

        // Valid through the whole chosen day in Italy.
        var expires = EndOfItalianDay(day);
        if (expires <= now)
        {
            return Result.Failure<Guid>(new Error("ExpiresOn", "La scadenza deve essere una data futura."));
        }

        if (expires - now > MaxLength)
        {
            return Result.Failure<Guid>(new Error("ExpiresOn", "La delega può durare al massimo un anno."));
        }

        var delegator = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.TaxCode == me, ct);
        var delegation = new Delegation
        {
            Id = Guid.CreateVersion7(now),
            DelegatorTaxCode = me,
            DelegatorName = delegator?.DisplayName ?? user.DisplayName ?? me,
            DelegateTaxCode = delegateCode.Value.Value,
            Services = services,
            CreatedAt = now,
            ExpiresAt = expires,
        };
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(me, "identity.delegation.created", Subject: delegation.DelegateTaxCode,
            Details: $"servizi: {services ?? "tutti"}; scadenza {expires:O}"), ct);
        return delegation.Id;
    }

    private static DateTimeOffset EndOfItalianDay(DateOnly day)
    {
        var localMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return ItalianTime.FromItalianWallTime(localMidnight);
    }
}

/// <summary>The delegator revokes one of their delegations; it stops working at once.</summary>
internal sealed class RevokeDelegationHandler(IdentityDb db, ICurrentUser user, AuditLog audit, TimeProvider time)
{
    public async Task<bool> HandleAsync(Guid id, CancellationToken ct)
    {
        var me = user.TaxCode;
        var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == id && d.DelegatorTaxCode == me && d.RevokedAt == null, ct);
        if (delegation is null)
        {
            return false;
        }

        delegation.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(me!, "identity.delegation.revoked", Subject: delegation.DelegateTaxCode, Details: delegation.Id.ToString()), ct);
        return true;
    }
}
