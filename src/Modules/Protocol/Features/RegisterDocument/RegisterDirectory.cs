using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.RegisterDocument;

/// <summary>One register per AOO, created the first time the AOO registers a document.</summary>
internal sealed class RegisterDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, ProtocolRegister> byAoo = new();

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
