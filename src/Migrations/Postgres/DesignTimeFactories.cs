using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef</c> (tools/add-migration.sh) to build each module's model for PostgreSQL.</summary>
internal static class DesignTime
{
    public static DbContextOptions<T> Options<T>(string prefix)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        ModuleDbRegistration.Configure(builder, new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=localhost;Database=design" }, prefix);
        return builder.Options;
    }
}

internal sealed class KernelDbFactory : IDesignTimeDbContextFactory<KernelDb>
{
    public KernelDb CreateDbContext(string[] args) => new(DesignTime.Options<KernelDb>("kernel_"), new BodyScope());
}

internal sealed class IdentityDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.Identity.Data.IdentityDb>
{
    public PenToscana.Modules.Identity.Data.IdentityDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.Identity.Data.IdentityDb>("identity_"), new BodyScope());
}

internal sealed class ApplicationsDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.Applications.Data.ApplicationsDb>
{
    public PenToscana.Modules.Applications.Data.ApplicationsDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.Applications.Data.ApplicationsDb>("applications_"), new BodyScope());
}

internal sealed class ProtocolDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.Protocol.Data.ProtocolDb>
{
    public PenToscana.Modules.Protocol.Data.ProtocolDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.Protocol.Data.ProtocolDb>("protocol_"), new BodyScope());
}

internal sealed class PaymentsDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.Payments.Data.PaymentsDb>
{
    public PenToscana.Modules.Payments.Data.PaymentsDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.Payments.Data.PaymentsDb>("payments_"), new BodyScope());
}

internal sealed class InvoicingDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.Invoicing.Data.InvoicingDb>
{
    public PenToscana.Modules.Invoicing.Data.InvoicingDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.Invoicing.Data.InvoicingDb>("invoicing_"), new BodyScope());
}

internal sealed class InfoDeskDbFactory : IDesignTimeDbContextFactory<PenToscana.Modules.InfoDesk.Data.InfoDeskDb>
{
    public PenToscana.Modules.InfoDesk.Data.InfoDeskDb CreateDbContext(string[] args)
        => new(DesignTime.Options<PenToscana.Modules.InfoDesk.Data.InfoDeskDb>("infodesk_"), new BodyScope());
}
