using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.Modules.Applications.Forms;

/// <summary>
/// The parsed definitions of published form versions. A published version never changes (ADR 0010), so each is read and parsed
/// once per process instead of at every step of every draft; a working copy, which may still change, is always read afresh.
/// The caller has already checked access to the draft or application that names the version.
/// </summary>
internal sealed class PublishedForms
{
    /// <summary>More versions than any installation publishes; past it the cache starts again rather than grow.</summary>
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<Guid, FormDefinition> parsed = new();

    public async Task<FormDefinition> GetAsync(IQueryable<FormVersion> versions, Guid versionId, CancellationToken ct)
    {
        if (parsed.TryGetValue(versionId, out var form))
        {
            return form;
        }

        var version = await versions.Where(f => f.Id == versionId).Select(f => new { f.Json, f.PublishedAt }).SingleAsync(ct);
        form = FormDefinition.Parse(version.Json);
        if (version.PublishedAt is not null)
        {
            if (parsed.Count >= Capacity)
            {
                parsed.Clear();
            }

            parsed[versionId] = form;
        }

        return form;
    }
}
