using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Payments
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_body_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuxDigit = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PostalAccount = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Cbill = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    OfficeName = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_body_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_cart",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_cart", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_demo_vehicle",
                columns: table => new
                {
                    Plate = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OwnerTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    KiloWatts = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnualTaxCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_demo_vehicle", x => x.Plate);
                });

            migrationBuilder.CreateTable(
                name: "payments_import_job",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BlobSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RowsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsImported = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsRejected = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    BytesRead = table.Column<long>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_import_job", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_import_row_error",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Row = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_import_row_error", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_position",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Iupd = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    DebtorKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DebtorTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DebtorName = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    DebtorEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ImportJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValidityDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SwitchToExpired = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_position", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_receipt",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NoticeNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Iuv = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeCents = table.Column<long>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    PspId = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PspName = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    ChannelDescription = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PaymentMethod = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    PayerTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    DebtorTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PaymentNote = table.Column<string>(type: "TEXT", maxLength: 210, nullable: true),
                    PaymentDateTime = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StandIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    Anomaly = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_receipt", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_reporting_flow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FlowId = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PspId = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    SettlementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SettlementReference = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    DeclaredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclaredTotalCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_reporting_flow", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_service",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Spontaneous = table.Column<bool>(type: "INTEGER", nullable: false),
                    FixedAmountCents = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_service", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_sim_payment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BodyTaxCode = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    NoticeNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Iuv = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Iur = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PspId = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Transfers = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FlowId = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_sim_payment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_webhook",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_webhook", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_cart_item",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CartId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyTaxCode = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    NoticeNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    BodyName = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    NodeCart = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_cart_item", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_cart_item_payments_cart_CartId",
                        column: x => x.CartId,
                        principalTable: "payments_cart",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_delegated_payer",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_delegated_payer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_delegated_payer_payments_position_PositionId",
                        column: x => x.PositionId,
                        principalTable: "payments_position",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_option",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    IsInstalmentPlan = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_option", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_option_payments_position_PositionId",
                        column: x => x.PositionId,
                        principalTable: "payments_position",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_reported_payment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FlowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Iuv = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Iur = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    TransferIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    OutcomeCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OutcomeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Match = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_reported_payment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_reported_payment_payments_reporting_flow_FlowId",
                        column: x => x.FlowId,
                        principalTable: "payments_reporting_flow",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_webhook_delivery",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebhookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_webhook_delivery", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_webhook_delivery_payments_webhook_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "payments_webhook",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_instalment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Iuv = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    NoticeNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_instalment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_instalment_payments_option_OptionId",
                        column: x => x.OptionId,
                        principalTable: "payments_option",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_transfer",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    BeneficiaryTaxCode = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    PostalAccount = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    RemittanceInformation = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_transfer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_transfer_payments_instalment_InstalmentId",
                        column: x => x.InstalmentId,
                        principalTable: "payments_instalment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_body_settings_EnteId",
                table: "payments_body_settings",
                column: "EnteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_cart_item_CartId",
                table: "payments_cart_item",
                column: "CartId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_delegated_payer_PositionId",
                table: "payments_delegated_payer",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_delegated_payer_TaxCode",
                table: "payments_delegated_payer",
                column: "TaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_payments_import_job_EnteId",
                table: "payments_import_job",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_import_row_error_JobId_Row",
                table: "payments_import_row_error",
                columns: new[] { "JobId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_instalment_EnteId",
                table: "payments_instalment",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_instalment_EnteId_Iuv",
                table: "payments_instalment",
                columns: new[] { "EnteId", "Iuv" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_instalment_EnteId_NoticeNumber",
                table: "payments_instalment",
                columns: new[] { "EnteId", "NoticeNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_instalment_OptionId",
                table: "payments_instalment",
                column: "OptionId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_instalment_PositionId",
                table: "payments_instalment",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_option_PositionId",
                table: "payments_option",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_outbox_Status_NextAttemptAt",
                table: "payments_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_position_DebtorTaxCode_Status",
                table: "payments_position",
                columns: new[] { "DebtorTaxCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_position_EnteId",
                table: "payments_position",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_position_EnteId_Iupd",
                table: "payments_position",
                columns: new[] { "EnteId", "Iupd" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_position_EnteId_SourceKey",
                table: "payments_position",
                columns: new[] { "EnteId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_position_ImportJobId",
                table: "payments_position",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_receipt_EnteId",
                table: "payments_receipt",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_receipt_EnteId_Iuv",
                table: "payments_receipt",
                columns: new[] { "EnteId", "Iuv" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_receipt_EnteId_ReceiptId",
                table: "payments_receipt",
                columns: new[] { "EnteId", "ReceiptId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_receipt_InstalmentId",
                table: "payments_receipt",
                column: "InstalmentId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_receipt_PayerTaxCode",
                table: "payments_receipt",
                column: "PayerTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_payments_reported_payment_FlowId",
                table: "payments_reported_payment",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_reported_payment_Iuv",
                table: "payments_reported_payment",
                column: "Iuv");

            migrationBuilder.CreateIndex(
                name: "IX_payments_reporting_flow_EnteId",
                table: "payments_reporting_flow",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_reporting_flow_EnteId_FlowId",
                table: "payments_reporting_flow",
                columns: new[] { "EnteId", "FlowId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_service_EnteId",
                table: "payments_service",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_service_EnteId_Code",
                table: "payments_service",
                columns: new[] { "EnteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_sim_payment_BodyTaxCode_FlowId",
                table: "payments_sim_payment",
                columns: new[] { "BodyTaxCode", "FlowId" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_sim_payment_ReceiptId",
                table: "payments_sim_payment",
                column: "ReceiptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_transfer_InstalmentId_Index",
                table: "payments_transfer",
                columns: new[] { "InstalmentId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_webhook_EnteId",
                table: "payments_webhook",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_webhook_delivery_WebhookId_CreatedAt",
                table: "payments_webhook_delivery",
                columns: new[] { "WebhookId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_body_settings");

            migrationBuilder.DropTable(
                name: "payments_cart_item");

            migrationBuilder.DropTable(
                name: "payments_delegated_payer");

            migrationBuilder.DropTable(
                name: "payments_demo_vehicle");

            migrationBuilder.DropTable(
                name: "payments_import_job");

            migrationBuilder.DropTable(
                name: "payments_import_row_error");

            migrationBuilder.DropTable(
                name: "payments_outbox");

            migrationBuilder.DropTable(
                name: "payments_receipt");

            migrationBuilder.DropTable(
                name: "payments_reported_payment");

            migrationBuilder.DropTable(
                name: "payments_service");

            migrationBuilder.DropTable(
                name: "payments_sim_payment");

            migrationBuilder.DropTable(
                name: "payments_transfer");

            migrationBuilder.DropTable(
                name: "payments_webhook_delivery");

            migrationBuilder.DropTable(
                name: "payments_cart");

            migrationBuilder.DropTable(
                name: "payments_reporting_flow");

            migrationBuilder.DropTable(
                name: "payments_instalment");

            migrationBuilder.DropTable(
                name: "payments_webhook");

            migrationBuilder.DropTable(
                name: "payments_option");

            migrationBuilder.DropTable(
                name: "payments_position");
        }
    }
}
