using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.ChangeEntry;

namespace PenToscana.IntegrationTests.Protocol;

public sealed class ImmutabilityTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Changing_an_art_53_field_through_ef_throws_and_nothing_changes()
    {
        var registration = await RegisterAsync("immutable:ef");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var entry = await db.Entries.Include(e => e.Correspondents).Include(e => e.Documents).SingleAsync(e => e.Id == registration.EntryId);

        entry.Subject = "Oggetto riscritto";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var document = await db.Documents.FirstAsync(d => d.EntryId == registration.EntryId);
        document.Sha256 = new string('0', 64);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.Entries.Remove(await db.Entries.SingleAsync(e => e.Id == registration.EntryId));
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        (await db.Entries.AsNoTracking().SingleAsync(e => e.Id == registration.EntryId)).Subject.ShouldBe("Domanda di contributo immutable:ef");
    }

    [Theory]
    [InlineData("UPDATE protocol_entry SET \"Subject\" = 'riscritto' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE protocol_entry SET \"Number\" = \"Number\" + 1000 WHERE \"Id\" = {0}")]
    [InlineData("UPDATE protocol_entry SET \"RegisteredAt\" = \"RegisteredAt\" WHERE \"Id\" = {0} AND 1 = 0")]
    [InlineData("DELETE FROM protocol_entry WHERE \"Id\" = {0}")]
    [InlineData("UPDATE protocol_correspondent SET \"Name\" = 'Altra persona' WHERE \"EntryId\" = {0}")]
    [InlineData("DELETE FROM protocol_correspondent WHERE \"EntryId\" = {0}")]
    [InlineData("UPDATE protocol_document SET \"Sha256\" = 'x' WHERE \"EntryId\" = {0}")]
    [InlineData("DELETE FROM protocol_document WHERE \"EntryId\" = {0}")]
    [InlineData("DELETE FROM protocol_entry_history WHERE \"EntryId\" = {0}")]
    public async Task The_database_refuses_sql_that_rewrites_or_deletes_the_register(string sql)
    {
        var registration = await RegisterAsync("immutable:sql:" + sql.GetHashCode(StringComparison.Ordinal));
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        object id = db.Database.IsSqlite() ? registration.EntryId.ToString().ToUpperInvariant() : registration.EntryId;
        if (sql.Contains("AND 1 = 0", StringComparison.Ordinal))
        {
            // A statement that matches no row changes nothing and is allowed: the guard is on rows, not on statements.
            await db.Database.ExecuteSqlRawAsync(sql, id);
            return;
        }

        var error = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql, id));
        error.Message.ShouldContain("immodificabile");
        var entry = await db.Entries.AsNoTracking().Include(e => e.Correspondents).Include(e => e.Documents).SingleAsync(e => e.Id == registration.EntryId);
        entry.Number.ShouldBe(registration.Number);
        entry.Correspondents.Single().Name.ShouldBe("Laura Bianchi");
        entry.Documents.Single().Sha256.Length.ShouldBe(64);
    }

    [Fact]
    public async Task The_fields_that_may_change_can_be_updated_by_sql_too()
    {
        var registration = await RegisterAsync("immutable:mutable");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        object id = db.Database.IsSqlite() ? registration.EntryId.ToString().ToUpperInvariant() : registration.EntryId;

        int rows = await db.Database.ExecuteSqlRawAsync("UPDATE protocol_entry SET \"DossierReference\" = '2026/7' WHERE \"Id\" = {0}", id);

        rows.ShouldBe(1);
    }

    [Fact]
    public async Task Reclassifying_and_reassigning_an_entry_is_recorded_in_its_history()
    {
        var registration = await RegisterAsync("immutable:history");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var kernel = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var firenze = await kernel.Enti.SingleAsync(e => e.IpaCode == "c_d612");
        if (!await db.Classification.AnyAsync(c => c.EnteId == firenze.Id && c.Code == "7.1"))
        {
            db.Classification.Add(new ClassificationNode { Id = Guid.NewGuid(), EnteId = firenze.Id, Code = "7.1", Title = "Servizi sociali - contributi" });
            await db.SaveChangesAsync();
        }

        var handler = scope.ServiceProvider.GetRequiredService<ChangeEntryHandler>();
        var unknown = await handler.HandleAsync(new ChangeEntryRequest(firenze.Id, registration.Year, registration.Number, "NREANN70D45D612O") { Classification = "99.9" }, CancellationToken.None);
        var changed = await handler.HandleAsync(new ChangeEntryRequest(firenze.Id, registration.Year, registration.Number, "NREANN70D45D612O")
        {
            Classification = "7.1",
            OfficeCodes = ["URP", "TRIB"],
        }, CancellationToken.None);
        var badOffice = await handler.HandleAsync(new ChangeEntryRequest(firenze.Id, registration.Year, registration.Number, "NREANN70D45D612O") { OfficeCodes = ["NESSUNO"] }, CancellationToken.None);

        unknown.IsFailure.ShouldBeTrue();
        changed.IsSuccess.ShouldBeTrue(changed.ToString());
        badOffice.IsFailure.ShouldBeTrue();
        var history = await db.History.AsNoTracking().Where(h => h.EntryId == registration.EntryId).OrderBy(h => h.At).ThenBy(h => h.Kind).ToListAsync();
        history.Select(h => h.Kind).ShouldBe(["registrazione", "assegnazione", "classificazione"], ignoreOrder: true);
        history.Single(h => h.Kind == "classificazione").Detail.ShouldContain("7.1");
        history.Single(h => h.Kind == "assegnazione").Detail.ShouldContain("TRIB,URP");
        history.ShouldAllBe(h => h.Kind == "registrazione" || h.By == "NREANN70D45D612O");
    }

    private async Task<ProtocolRegistration> RegisterAsync(string key)
    {
        var blob = await platform.Service<IBlobStore>().PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4 " + key)));
        await using var scope = platform.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IProtocolApi>().RegisterAsync(new ProtocolRequest(
            "c_d612", ProtocolDirection.Incoming, "Domanda di contributo " + key,
            [new ProtocolCorrespondent("Laura Bianchi") { TaxCode = "BNCLRA85M41D612X" }],
            new ProtocolDocument("domanda.pdf", "application/pdf", blob.Sha256, blob.Length), ProtocolChannels.Web, key));
        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        return outcome.Registration!;
    }
}
