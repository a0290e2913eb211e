using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;

namespace PenToscana.IntegrationTests.Kernel;

public sealed class AuditTests(PlatformFactory platform) : IClassFixture<PlatformFactory>, IAsyncLifetime
{
    private AuditLog Audit => platform.Service<AuditLog>();

    public async ValueTask InitializeAsync()
    {
        // Each test starts from an empty, intact log.
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        await db.AuditEntries.ExecuteDeleteAsync();
        await db.AuditHeads.ExecuteDeleteAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task AppendSomeAsync(int count)
    {
        for (int i = 1; i <= count; i++)
        {
            await Audit.AppendAsync(new AuditRecord("RSSMRA80A01D612Y", "test.action", Guid.NewGuid(), $"oggetto {i}", $"dettaglio {i}\ncon a capo"));
        }
    }

    private async Task ExecuteAsync(Func<KernelDb, Task> change)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<KernelDb>());
    }

    [Fact]
    public async Task Entries_form_a_chain_in_which_each_holds_the_hash_of_the_previous()
    {
        await AppendSomeAsync(5);
        await using var scope = platform.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();

        entries.Select(e => e.Sequence).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        entries[0].PreviousHash.ShouldBe(AuditEntry.GenesisHash);
        for (int i = 1; i < entries.Count; i++)
        {
            entries[i].PreviousHash.ShouldBe(entries[i - 1].Hash);
        }

        var verification = await Audit.VerifyAsync();
        verification.IsIntact.ShouldBeTrue();
        verification.EntriesChecked.ShouldBe(5);
    }

    [Fact]
    public async Task Verification_names_the_first_entry_whose_content_was_altered()
    {
        await AppendSomeAsync(6);
        await ExecuteAsync(db => db.AuditEntries.Where(e => e.Sequence == 4).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, "alterato")));

        var verification = await Audit.VerifyAsync();
        verification.IsIntact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(4);
        verification.Problem!.ShouldContain("alterato");
    }

    [Fact]
    public async Task Verification_detects_an_entry_removed_from_the_middle()
    {
        await AppendSomeAsync(5);
        await ExecuteAsync(db => db.AuditEntries.Where(e => e.Sequence == 3).ExecuteDeleteAsync());

        var verification = await Audit.VerifyAsync();
        verification.FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public async Task Verification_detects_entries_removed_from_the_end()
    {
        await AppendSomeAsync(5);
        await ExecuteAsync(db => db.AuditEntries.Where(e => e.Sequence >= 4).ExecuteDeleteAsync());

        var verification = await Audit.VerifyAsync();
        verification.IsIntact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(4);
    }

    [Fact]
    public async Task A_rewritten_entry_with_a_recomputed_hash_still_breaks_the_next_link()
    {
        await AppendSomeAsync(4);
        await ExecuteAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 2);
            entry.Actor = "BLUSRA79T60D612U";
            entry.Hash = entry.ComputeHash();
            await db.SaveChangesAsync();
        });

        (await Audit.VerifyAsync()).FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public async Task Concurrent_appends_keep_a_gapless_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Audit.AppendAsync(new AuditRecord("system", "test.concurrent", Subject: i.ToString(System.Globalization.CultureInfo.InvariantCulture))))));

        var verification = await Audit.VerifyAsync();
        verification.IsIntact.ShouldBeTrue();
        verification.EntriesChecked.ShouldBe(40);
    }
}
