using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// Parsed form definitions are kept in memory only for published versions, which never change; a working copy that an
/// administrator is still editing is read again every time.
/// </summary>
public sealed class PublishedFormsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static string Json(string title) => new FormDefinition
    {
        Title = title,
        Steps = [new FormStep { Key = "uno", Title = "Passo", Fields = [new FormField { Key = "nota", Label = "Nota", Type = FieldTypes.Text }] }],
    }.ToJson();

    [Fact]
    public async Task A_working_copy_is_read_afresh_after_each_edit_and_a_published_version_is_parsed_once()
    {
        var serviceId = await ServiceAdministrationTests.ServiceIdAsync(platform, "c_d612", "iscrizione-nido");
        var forms = platform.Services.GetRequiredService<PublishedForms>();
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDb>();
        var service = await db.Services.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == serviceId);
        var version = new FormVersion
        {
            Id = Guid.CreateVersion7(), EnteId = service.EnteId, ServiceId = serviceId, Number = 900, Json = Json("Prima stesura"), Sha256 = "a",
            CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        db.FormVersions.Add(version);
        await db.SaveChangesAsync();
        var versions = db.FormVersions.IgnoreQueryFilters().AsNoTracking();

        (await forms.GetAsync(versions, version.Id, default)).Title.ShouldBe("Prima stesura");
        await db.FormVersions.IgnoreQueryFilters().Where(f => f.Id == version.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.Json, Json("Seconda stesura")));
        (await forms.GetAsync(versions, version.Id, default)).Title.ShouldBe("Seconda stesura");

        await db.FormVersions.IgnoreQueryFilters().Where(f => f.Id == version.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.PublishedAt, DateTimeOffset.UtcNow));
        (await forms.GetAsync(versions, version.Id, default)).Title.ShouldBe("Seconda stesura");

        // Published versions never change: the row is no longer read (this change is made behind the platform's back).
        await db.FormVersions.IgnoreQueryFilters().Where(f => f.Id == version.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.Json, Json("Mai letta")));
        (await forms.GetAsync(versions, version.Id, default)).Title.ShouldBe("Seconda stesura");
    }
}
