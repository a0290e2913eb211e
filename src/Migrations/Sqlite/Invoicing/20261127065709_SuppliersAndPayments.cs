using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Invoicing
{
    /// <inheritdoc />
    public partial class SuppliersAndPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastPaidOn",
                table: "invoicing_received_invoice",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaidCents",
                table: "invoicing_received_invoice",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "PaymentIban",
                table: "invoicing_received_invoice",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupplierId",
                table: "invoicing_received_invoice",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invoicing_invoice_payment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedInvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    MandateReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_invoice_payment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_invoice_suspension",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedInvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_invoice_suspension", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_supplier",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VatId = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastInvoiceAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_supplier", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_supplier_iban",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupplierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CertifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CertifiedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DeclarationSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DeclarationFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeclarationContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DeclarationDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_supplier_iban", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_received_invoice_SupplierId",
                table: "invoicing_received_invoice",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoice_payment_EnteId",
                table: "invoicing_invoice_payment",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoice_payment_EnteId_PaidOn",
                table: "invoicing_invoice_payment",
                columns: new[] { "EnteId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoice_payment_ReceivedInvoiceId",
                table: "invoicing_invoice_payment",
                column: "ReceivedInvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoice_suspension_EnteId",
                table: "invoicing_invoice_suspension",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoice_suspension_ReceivedInvoiceId",
                table: "invoicing_invoice_suspension",
                column: "ReceivedInvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_supplier_EnteId",
                table: "invoicing_supplier",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_supplier_EnteId_Key",
                table: "invoicing_supplier",
                columns: new[] { "EnteId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_supplier_EnteId_Name",
                table: "invoicing_supplier",
                columns: new[] { "EnteId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_supplier_iban_EnteId",
                table: "invoicing_supplier_iban",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_supplier_iban_SupplierId_Iban",
                table: "invoicing_supplier_iban",
                columns: new[] { "SupplierId", "Iban" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoicing_invoice_payment");

            migrationBuilder.DropTable(
                name: "invoicing_invoice_suspension");

            migrationBuilder.DropTable(
                name: "invoicing_supplier");

            migrationBuilder.DropTable(
                name: "invoicing_supplier_iban");

            migrationBuilder.DropIndex(
                name: "IX_invoicing_received_invoice_SupplierId",
                table: "invoicing_received_invoice");

            migrationBuilder.DropColumn(
                name: "LastPaidOn",
                table: "invoicing_received_invoice");

            migrationBuilder.DropColumn(
                name: "PaidCents",
                table: "invoicing_received_invoice");

            migrationBuilder.DropColumn(
                name: "PaymentIban",
                table: "invoicing_received_invoice");

            migrationBuilder.DropColumn(
                name: "SupplierId",
                table: "invoicing_received_invoice");
        }
    }
}
