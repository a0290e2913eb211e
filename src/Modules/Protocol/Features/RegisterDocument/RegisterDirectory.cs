using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.RegisterDocument;

/// <summary>
/// One register per AOO, created the first time the AOO registers a document; and the AOO a registration goes to. Both are
/// kept per process once found: an AOO is only ever added (its code and identity never change, and it is never removed), so a
/// body's first AOO stays its default. A code not found is not kept, so an AOO added later is found at its first use.
/// </summary>
internal sealed class RegisterDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, ProtocolRegister> byAoo = new();
    private readonly ConcurrentDictionary<(Guid EnteId, string Code), Aoo> aoos = new();

    /// <summary>The body's AOO with that code, or its first AOO when no code is given; null when there is none.</summary>
    public async Task<Aoo?> ResolveAooAsync(KernelDb kernel, Ente ente, string? code, CancellationToken cancellationToken)
    {
        var key = (ente.Id, string.IsNullOrWhiteSpace(code) ? "" : code);
        if (aoos.TryGetValue(key, out var known))
        {
            return known;
        }

        var query = kernel.Aoos.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == ente.Id);
        var aoo = key.Item2.Length == 0
            ? await query.OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken)
            : await query.FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (aoo is not null)
        {
            aoos[key] = aoo;
        }

        return aoo;
    }

    public async Task<ProtocolRegister> EnsureAsync(Ente ente, Aoo aoo, CancellationToken cancellationToken)
    {
        if (byAoo.TryGetValue(aoo.Id, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var register = await db.Registers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.AooId == aoo.Id, cancellationToken);
        if (register is null)
        {
            var now = time.GetUtcNow();
            db.Registers.Add(new ProtocolRegister
            {
                Id = Guid.CreateVersion7(now),
                EnteId = ente.Id,
                EnteIpa = ente.IpaCode,
                AooId = aoo.Id,
                AooCode = aoo.Code,
                Code = ProtocolRegister.GeneralRegisterCode,
                CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Created at the same moment by another request or node.
            }

            db.ChangeTracker.Clear();
            register = await db.Registers.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.AooId == aoo.Id, cancellationToken);
        }

        byAoo[aoo.Id] = register;
        return register;
    }
}
