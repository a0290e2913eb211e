using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.IntegrationTests.Identity;

public sealed class SamlRetentionTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task The_retention_job_removes_only_expired_saml_requests_assertion_ids_and_log_entries_past_24_months()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.SamlRequests.Add(new SamlRequest { Id = "_old", RelayState = "r1", IdpEntityId = "idp", Comparison = "minimum", IssueInstant = now.AddDays(-3), ExpiresAt = now.AddDays(-2), ReturnUrl = "/" });
            db.SamlRequests.Add(new SamlRequest { Id = "_new", RelayState = "r2", IdpEntityId = "idp", Comparison = "minimum", IssueInstant = now, ExpiresAt = now.AddMinutes(10), ReturnUrl = "/" });
            db.SamlAssertionUses.Add(new SamlAssertionUse { AssertionId = "_a_old", IdpEntityId = "idp", NotOnOrAfter = now.AddMinutes(-1), UsedAt = now.AddMinutes(-6) });
            db.SamlAssertionUses.Add(new SamlAssertionUse { AssertionId = "_a_new", IdpEntityId = "idp", NotOnOrAfter = now.AddMinutes(5), UsedAt = now });
            db.SamlMessageLogs.Add(new SamlMessageLog { Id = Guid.NewGuid(), At = now.AddMonths(-25), Kind = "response", Outcome = "accepted", Xml = "<old/>", KeepUntil = now.AddMonths(-1) });
            db.SamlMessageLogs.Add(new SamlMessageLog { Id = Guid.NewGuid(), At = now.AddMonths(-23), Kind = "response", Outcome = "accepted", Xml = "<kept/>", KeepUntil = now.AddMonths(1) });
            await db.SaveChangesAsync();
        }

        var runner = platform.Service<JobRunner>();
        await runner.EnsureRegisteredAsync(CancellationToken.None);
        (await runner.TryRunAsync(runner.Registrations.Single(r => r.Name == "identity-saml-retention"), force: true, CancellationToken.None)).ShouldBeTrue();

        await using var check = platform.Services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<IdentityDb>();
        (await after.SamlRequests.Select(r => r.Id).ToListAsync()).ShouldContain("_new");
        (await after.SamlRequests.AnyAsync(r => r.Id == "_old")).ShouldBeFalse();
        (await after.SamlAssertionUses.Select(a => a.AssertionId).ToListAsync()).ShouldBe(["_a_new"]);
        var logs = await after.SamlMessageLogs.Select(l => l.Xml).ToListAsync();
        logs.ShouldContain("<kept/>");
        logs.ShouldNotContain("<old/>");
    }
}
