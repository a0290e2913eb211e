using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Invoicing
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invoicing_billing_office",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteIpa = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OfficeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CodiceUfficio = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    RequireCig = table.Column<bool>(type: "boolean", nullable: false),
                    RequireCup = table.Column<bool>(type: "boolean", nullable: false),
                    RequireOrderNumber = table.Column<bool>(type: "boolean", nullable: false),
                    SplitPayment = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_billing_office", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_received_invoice",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteIpa = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BillingOfficeId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentificativoSdI = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileLength = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TipoDocumento = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Numero = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SupplierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SupplierVatId = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SupplierTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TotalCents = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OutcomeDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ProtocolEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Cig = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Cup = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Findings = table.Column<string>(type: "text", nullable: false),
                    ErrorCount = table.Column<int>(type: "integer", nullable: false),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OutcomeDescription = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    OutcomeMessageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OutcomeBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReceivedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FirstReminderAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SecondReminderAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_received_invoice", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_register_entry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedInvoiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    InvoiceNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    InvoiceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SupplierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SupplierTaxId = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TotalCents = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Cig = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Cup = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_register_entry", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_billing_office_CodiceUfficio",
                table: "invoicing_billing_office",
                column: "CodiceUfficio",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_billing_office_EnteId",
                table: "invoicing_billing_office",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_billing_office_OfficeId",
                table: "invoicing_billing_office",
                column: "OfficeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_outbox_Status_NextAttemptAt",
                table: "invoicing_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_received_invoice_EnteId",
                table: "invoicing_received_invoice",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_received_invoice_EnteId_IdentificativoSdI_Position",
                table: "invoicing_received_invoice",
                columns: new[] { "EnteId", "IdentificativoSdI", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_received_invoice_EnteId_Status_OutcomeDueOn",
                table: "invoicing_received_invoice",
                columns: new[] { "EnteId", "Status", "OutcomeDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_received_invoice_Status_ReceivedAt",
                table: "invoicing_received_invoice",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_register_entry_EnteId",
                table: "invoicing_register_entry",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_register_entry_EnteId_Year_Number",
                table: "invoicing_register_entry",
                columns: new[] { "EnteId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_register_entry_ReceivedInvoiceId",
                table: "invoicing_register_entry",
                column: "ReceivedInvoiceId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoicing_billing_office");

            migrationBuilder.DropTable(
                name: "invoicing_outbox");

            migrationBuilder.DropTable(
                name: "invoicing_received_invoice");

            migrationBuilder.DropTable(
                name: "invoicing_register_entry");
        }
    }
}
