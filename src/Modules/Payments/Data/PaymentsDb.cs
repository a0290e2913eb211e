using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Webhooks;
using PenToscana.Modules.Payments.Simulator;

namespace PenToscana.Modules.Payments.Data;

internal sealed class PaymentsDb(DbContextOptions<PaymentsDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope)
{
    public override string TablePrefix => "payments_";

    public override string ModuleName => "Payments";

    public DbSet<BodyPaymentSettings> Settings => Set<BodyPaymentSettings>();

    public DbSet<PaymentService> Services => Set<PaymentService>();

    public DbSet<DebtPosition> Positions => Set<DebtPosition>();

    public DbSet<PaymentOption> Options => Set<PaymentOption>();

    public DbSet<Instalment> Instalments => Set<Instalment>();

    public DbSet<Transfer> Transfers => Set<Transfer>();

    public DbSet<DelegatedPayer> DelegatedPayers => Set<DelegatedPayer>();

    public DbSet<Receipt> Receipts => Set<Receipt>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<DemoVehicle> Vehicles => Set<DemoVehicle>();

    public DbSet<ReportingFlow> Flows => Set<ReportingFlow>();

    public DbSet<ReportedPayment> ReportedPayments => Set<ReportedPayment>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportRowError> ImportErrors => Set<ImportRowError>();

    public DbSet<SimulatedPayment> SimulatedPayments => Set<SimulatedPayment>();

    public DbSet<SimulatedCheckoutSession> SimulatedCheckouts => Set<SimulatedCheckoutSession>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BodyPaymentSettings>(e =>
        {
            e.ToTable("body_settings");
            e.HasIndex(s => s.EnteId).IsUnique();
            e.Property(s => s.Code).HasMaxLength(2);
            e.Property(s => s.AuxDigit).HasConversion(c => c.ToString(), s => s[0]).HasMaxLength(1);
            e.Property(s => s.Iban).HasMaxLength(35);
            e.Property(s => s.PostalAccount).HasMaxLength(12);
            e.Property(s => s.Cbill).HasMaxLength(5);
            e.Property(s => s.OfficeName).HasMaxLength(140);
        });
        modelBuilder.Entity<PaymentService>(e =>
        {
            e.ToTable("service");
            e.HasIndex(s => new { s.EnteId, s.Code }).IsUnique();
            e.Property(s => s.Code).HasMaxLength(30);
            e.Property(s => s.Name).HasMaxLength(140);
            e.Property(s => s.Category).HasMaxLength(30);
        });
        modelBuilder.Entity<DebtPosition>(e =>
        {
            e.ToTable("position");
            e.HasIndex(p => new { p.EnteId, p.Iupd }).IsUnique();
            e.HasIndex(p => new { p.EnteId, p.SourceKey }).IsUnique();
            e.HasIndex(p => new { p.DebtorTaxCode, p.Status });
            e.HasIndex(p => p.ImportJobId);
            e.Property(p => p.Iupd).HasMaxLength(70);
            e.Property(p => p.DebtorKind).HasConversion<string>().HasMaxLength(10);
            e.Property(p => p.DebtorTaxCode).HasMaxLength(16);
            e.Property(p => p.DebtorName).HasMaxLength(140);
            e.Property(p => p.DebtorEmail).HasMaxLength(200);
            e.Property(p => p.ServiceCode).HasMaxLength(30);
            e.Property(p => p.Description).HasMaxLength(140);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.SourceKey).HasMaxLength(100);
            e.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PositionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.DelegatedPayers).WithOne().HasForeignKey(d => d.PositionId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(p => p.Instalments);
        });
        modelBuilder.Entity<DelegatedPayer>(e =>
        {
            e.ToTable("delegated_payer");
            e.Property(d => d.TaxCode).HasMaxLength(16);
            e.HasIndex(d => d.TaxCode);
        });
        modelBuilder.Entity<PaymentOption>(e =>
        {
            e.ToTable("option");
            e.Property(o => o.Description).HasMaxLength(140);
            e.HasMany(o => o.Instalments).WithOne().HasForeignKey(i => i.OptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Instalment>(e =>
        {
            e.ToTable("instalment");
            e.HasIndex(i => new { i.EnteId, i.Iuv }).IsUnique();
            e.HasIndex(i => new { i.EnteId, i.NoticeNumber }).IsUnique();
            e.HasIndex(i => i.PositionId);
            e.Property(i => i.Iuv).HasMaxLength(35);
            e.Property(i => i.NoticeNumber).HasMaxLength(18);
            e.Property(i => i.Description).HasMaxLength(140);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            e.HasMany(i => i.Transfers).WithOne().HasForeignKey(t => t.InstalmentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Transfer>(e =>
        {
            e.ToTable("transfer");
            e.HasIndex(t => new { t.InstalmentId, t.Index }).IsUnique();
            e.Property(t => t.BeneficiaryTaxCode).HasMaxLength(11);
            e.Property(t => t.Iban).HasMaxLength(35);
            e.Property(t => t.PostalAccount).HasMaxLength(35);
            e.Property(t => t.RemittanceInformation).HasMaxLength(140);
            e.Property(t => t.Category).HasMaxLength(140);
        });
        modelBuilder.Entity<Receipt>(e =>
        {
            e.ToTable("receipt");
            e.HasIndex(r => new { r.EnteId, r.ReceiptId }).IsUnique();
            e.HasIndex(r => new { r.EnteId, r.Iuv });
            e.HasIndex(r => r.InstalmentId);
            e.HasIndex(r => r.PositionId);
            e.HasIndex(r => r.PayerTaxCode);
            e.Property(r => r.ReceiptId).HasMaxLength(64);
            e.Property(r => r.NoticeNumber).HasMaxLength(18);
            e.Property(r => r.Iuv).HasMaxLength(35);
            e.Property(r => r.Description).HasMaxLength(140);
            e.Property(r => r.PspId).HasMaxLength(35);
            e.Property(r => r.PspName).HasMaxLength(70);
            e.Property(r => r.ChannelDescription).HasMaxLength(35);
            e.Property(r => r.PaymentMethod).HasMaxLength(35);
            e.Property(r => r.PayerTaxCode).HasMaxLength(16);
            e.Property(r => r.PayerName).HasMaxLength(70);
            e.Property(r => r.DebtorTaxCode).HasMaxLength(16);
            e.Property(r => r.PaymentNote).HasMaxLength(210);
            e.Property(r => r.Anomaly).HasMaxLength(200);
        });
        modelBuilder.Entity<Cart>(e =>
        {
            e.ToTable("cart");
            e.Property(c => c.OwnerTaxCode).HasMaxLength(16);
            e.Property(c => c.Outcome).HasMaxLength(20);
            e.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CartItem>(e =>
        {
            e.ToTable("cart_item");
            e.Property(i => i.BodyTaxCode).HasMaxLength(11);
            e.Property(i => i.NoticeNumber).HasMaxLength(18);
            e.Property(i => i.Description).HasMaxLength(140);
            e.Property(i => i.BodyName).HasMaxLength(140);
        });
        modelBuilder.Entity<DemoVehicle>(e =>
        {
            e.ToTable("demo_vehicle");
            e.HasKey(v => v.Plate);
            e.Property(v => v.Plate).HasMaxLength(8);
            e.Property(v => v.OwnerTaxCode).HasMaxLength(16);
            e.Property(v => v.Model).HasMaxLength(60);
        });
        modelBuilder.Entity<ReportingFlow>(e =>
        {
            e.ToTable("reporting_flow");
            e.HasIndex(f => new { f.EnteId, f.FlowId }).IsUnique();
            e.Property(f => f.FlowId).HasMaxLength(35);
            e.Property(f => f.PspId).HasMaxLength(35);
            e.Property(f => f.SettlementReference).HasMaxLength(35);
            e.HasMany(f => f.Payments).WithOne().HasForeignKey(p => p.FlowId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReportedPayment>(e =>
        {
            e.ToTable("reported_payment");
            e.HasIndex(p => p.Iuv);
            e.Property(p => p.Iuv).HasMaxLength(35);
            e.Property(p => p.Iur).HasMaxLength(35);
            e.Property(p => p.OutcomeCode).HasMaxLength(2);
            e.Property(p => p.Match).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<ImportJob>(e =>
        {
            e.ToTable("import_job");
            e.Property(j => j.FileName).HasMaxLength(200);
            e.Property(j => j.Format).HasMaxLength(10);
            e.Property(j => j.BlobSha256).HasMaxLength(64);
            e.Property(j => j.CreatedBy).HasMaxLength(16);
            e.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.Failure).HasMaxLength(500);
        });
        modelBuilder.Entity<ImportRowError>(e =>
        {
            e.ToTable("import_row_error");
            e.HasIndex(r => new { r.JobId, r.Row });
            e.Property(r => r.Message).HasMaxLength(500);
        });
        modelBuilder.Entity<Webhook>(e =>
        {
            e.ToTable("webhook");
            e.Property(w => w.Url).HasMaxLength(500);
            e.Property(w => w.Secret).HasMaxLength(100);
            e.Property(w => w.CreatedBy).HasMaxLength(16);
            e.HasMany(w => w.Deliveries).WithOne().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_delivery");
            e.HasIndex(d => new { d.WebhookId, d.CreatedAt });
            e.Property(d => d.EventType).HasMaxLength(50);
            e.Property(d => d.Payload).HasMaxLength(4000);
            e.Property(d => d.LastError).HasMaxLength(200);
        });
        modelBuilder.Entity<SimulatedCheckoutSession>(e =>
        {
            e.ToTable("sim_checkout");
            e.Property(c => c.Id).HasMaxLength(32);
            e.HasIndex(c => c.ExpiresAt);
        });
        modelBuilder.Entity<SimulatedPayment>(e =>
        {
            e.ToTable("sim_payment");
            e.HasIndex(p => p.ReceiptId).IsUnique();
            e.HasIndex(p => new { p.BodyTaxCode, p.FlowId });
            e.Property(p => p.ReceiptId).HasMaxLength(64);
            e.Property(p => p.BodyTaxCode).HasMaxLength(11);
            e.Property(p => p.NoticeNumber).HasMaxLength(18);
            e.Property(p => p.Iuv).HasMaxLength(35);
            e.Property(p => p.Iur).HasMaxLength(35);
            e.Property(p => p.PspId).HasMaxLength(35);
            e.Property(p => p.Channel).HasMaxLength(35);
            e.Property(p => p.Transfers).HasMaxLength(400);
            e.Property(p => p.FlowId).HasMaxLength(35);
        });
    }
}
