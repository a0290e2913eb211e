using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.ManageRoles;

/// <summary>The roles a body administrator may grant (the platform administrator role is not a body's to give).</summary>
internal static class GrantableRoles
{
    public static readonly string[] All = [PlatformRoles.BodyAdmin, PlatformRoles.OfficeOperator, PlatformRoles.ResponsibleOfficial, PlatformRoles.ProtocolOfficer];
}

internal sealed record GrantRoleRequest(Guid EnteId, string? TaxCode, string? Role, Guid? OfficeId);

/// <summary>A body administrator grants a role in their body (optionally in one office) to a person named by codice fiscale.</summary>
internal sealed class GrantRoleHandler(IdentityDb db, KernelDb kernel, ICurrentUser user, AuditLog audit, TimeProvider time)
{
    public async Task<Result<Guid>> HandleAsync(GrantRoleRequest request, CancellationToken ct)
    {
        var taxCode = TaxCode.Create(request.TaxCode);
        if (taxCode.IsFailure)
        {
            return Result.Failure<Guid>(new Error("TaxCode", taxCode.Error!.Message));
        }

        if (!taxCode.Value.IsPerson)
        {
            return Result.Failure<Guid>(new Error("TaxCode", "I ruoli si assegnano a persone: serve un codice fiscale di 16 caratteri."));
        }

        if (request.Role is null || !GrantableRoles.All.Contains(request.Role))
        {
            return Result.Failure<Guid>(new Error("Role", "Scegli un ruolo dall'elenco."));
        }

        if (request.OfficeId is { } officeId && !await kernel.Offices.AnyAsync(o => o.Id == officeId && o.EnteId == request.EnteId, ct))
        {
            return Result.Failure<Guid>(new Error("OfficeId", "L'ufficio scelto non appartiene a questo ente."));
        }

        var cf = taxCode.Value.Value;
        if (await db.RoleGrants.AnyAsync(g => g.EnteId == request.EnteId && g.PersonTaxCode == cf && g.Role == request.Role && g.OfficeId == request.OfficeId, ct))
        {
            return Result.Failure<Guid>(new Error("Role", "La persona ha già questo ruolo in questo ente e ufficio."));
        }

        var now = time.GetUtcNow();
        var grant = new RoleGrant
        {
            Id = Guid.CreateVersion7(now),
            EnteId = request.EnteId,
            PersonTaxCode = cf,
            Role = request.Role,
            OfficeId = request.OfficeId,
            GrantedAt = now,
            GrantedBy = user.TaxCode ?? "?",
        };
        db.RoleGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "identity.role.granted", request.EnteId, cf,
            $"{request.Role}{(request.OfficeId is null ? "" : " ufficio " + request.OfficeId)}", user.OnBehalfOf), ct);
        return grant.Id;
    }
}

/// <summary>A body administrator revokes a role of their body. The grant row goes; the audit log keeps the fact.</summary>
internal sealed class RevokeRoleHandler(IdentityDb db, ICurrentUser user, AuditLog audit)
{
    public async Task<bool> HandleAsync(Guid enteId, Guid grantId, CancellationToken ct)
    {
        var grant = await db.RoleGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.EnteId == enteId, ct);
        if (grant is null)
        {
            return false;
        }

        db.RoleGrants.Remove(grant);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "identity.role.revoked", enteId, grant.PersonTaxCode,
            $"{grant.Role}{(grant.OfficeId is null ? "" : " ufficio " + grant.OfficeId)}", user.OnBehalfOf), ct);
        return true;
    }
}
