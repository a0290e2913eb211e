using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Pages.Admin;

/// <summary>Which bodies the signed-in operator may see and administer. Bodies they do not work for do not exist for them (404).</summary>
public sealed class AdminBodies(KernelDb db, ICurrentUser user)
{
    public async Task<IReadOnlyList<Ente>> VisibleAsync(CancellationToken ct)
    {
        var query = db.Enti.AsNoTracking();
        if (!user.IsPlatformAdmin)
        {
            var mine = user.OperatorBodies.ToList();
            query = query.Where(e => mine.Contains(e.Id));
        }

        return await query.OrderBy(e => e.Name).ToListAsync(ct);
    }

    /// <summary>The body if the operator works for it, otherwise null.</summary>
    public async Task<Ente?> FindVisibleAsync(Guid id, bool tracked, CancellationToken ct)
    {
        if (!user.IsPlatformAdmin && !user.OperatorBodies.Contains(id))
        {
            return null;
        }

        var query = tracked ? db.Enti : db.Enti.AsNoTracking();
        return await query.SingleOrDefaultAsync(e => e.Id == id, ct);
    }

    public bool CanAdminister(Guid enteId) => user.HasRole(enteId, PlatformRoles.BodyAdmin);
}
