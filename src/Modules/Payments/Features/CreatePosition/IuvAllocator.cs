using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;

namespace PenToscana.Modules.Payments.Features.CreatePosition;

/// <summary>
/// Hands out notice numbers per body, unique for ever. Each node reserves a block of IUV bases in the database
/// (an optimistic update of the body's counter, retried on conflict) and serves it from memory; numbers left
/// unused when the process stops are simply never issued — gaps are allowed, repeats are not.
/// </summary>
internal sealed class IuvAllocator(IServiceScopeFactory scopes) : IDisposable
{
    private const int BlockSize = 200;

    private readonly ConcurrentDictionary<Guid, Block> blocks = new();

    private sealed class Block : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Next;
        public long Last = -1;
        public char Aux;
        public string Code = "";

        public void Dispose() => Gate.Dispose();
    }

    public void Dispose()
    {
        foreach (var block in blocks.Values)
        {
            block.Dispose();
        }
    }

    public async Task<IReadOnlyList<NoticeNumber>> NextAsync(Guid enteId, int count, CancellationToken ct)
    {
        var block = blocks.GetOrAdd(enteId, _ => new Block());
        await block.Gate.WaitAsync(ct);
        try
        {
            var result = new List<NoticeNumber>(count);
            while (result.Count < count)
            {
                if (block.Next > block.Last)
                {
                    await ReserveAsync(enteId, block, Math.Max(BlockSize, count - result.Count), ct);
                }

                result.Add(NoticeNumber.Create(block.Aux, block.Code, block.Next++));
            }

            return result;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    private async Task ReserveAsync(Guid enteId, Block block, int size, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            var settings = await db.Settings.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.EnteId == enteId, ct)
                ?? throw new InvalidOperationException("L'ente non è configurato per pagoPA (codice di segregazione e IBAN).");
            long first = settings.LastSequence + 1;
            settings.LastSequence += size;
            try
            {
                await db.SaveChangesAsync(ct);
                block.Next = first;
                block.Last = settings.LastSequence;
                block.Aux = settings.AuxDigit;
                block.Code = settings.Code;
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 30), ct);
            }
        }
    }
}
