using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;

namespace PenToscana.Modules.Payments.Features.Bodies;

/// <summary>A body as payments need it: IPA code, codice fiscale (the creditor id on the node) and name.</summary>
internal sealed record Body(Guid Id, string Ipa, string TaxCode, string Name);

/// <summary>Looks bodies up by IPA code, codice fiscale or id; the directory changes rarely, so answers are cached.</summary>
internal sealed class BodyDirectory(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Body?> byKey = new(StringComparer.OrdinalIgnoreCase);

    public Task<Body?> ByIpaAsync(string ipa, CancellationToken ct) => LookupAsync("ipa:" + ipa, ct);

    public Task<Body?> ByTaxCodeAsync(string taxCode, CancellationToken ct) => LookupAsync("cf:" + taxCode, ct);

    public Task<Body?> ByIdAsync(Guid id, CancellationToken ct) => LookupAsync("id:" + id, ct);

    public async Task<IReadOnlyList<Body>> AllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        return await db.Enti.AsNoTracking().OrderBy(e => e.Name).Select(e => new Body(e.Id, e.IpaCode, e.TaxCode, e.Name)).ToListAsync(ct);
    }

    private async Task<Body?> LookupAsync(string key, CancellationToken ct)
    {
        if (byKey.TryGetValue(key, out var cached) && cached is not null)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var value = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var query = db.Enti.AsNoTracking();
        query = key[..key.IndexOf(':', StringComparison.Ordinal)] switch
        {
            "ipa" => query.Where(e => e.IpaCode == value),
            "cf" => query.Where(e => e.TaxCode == value),
            _ => Guid.TryParse(value, out var id) ? query.Where(e => e.Id == id) : query.Where(e => false),
        };
        var body = await query.Select(e => new Body(e.Id, e.IpaCode, e.TaxCode, e.Name)).FirstOrDefaultAsync(ct);
        if (body is not null)
        {
            byKey[key] = body;
        }

        return body;
    }
}
