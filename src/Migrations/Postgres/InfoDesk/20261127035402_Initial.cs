using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.InfoDesk
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "infodesk_answer_template",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_answer_template", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_area",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsTerritory = table.Column<bool>(type: "boolean", nullable: false),
                    GeoJson = table.Column<string>(type: "text", nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_area", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_card",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Audience = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WhereWhenHow = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Documents = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Costs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Links = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Tags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_card", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_card_revision",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    By = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_card_revision", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_category",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Group = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Keywords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ResponseDays = table.Column<int>(type: "integer", nullable: false),
                    DefaultOfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_category", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_export",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Filters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    BlobSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_export", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_mail_message",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_mail_message", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_observer",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_observer", x => new { x.ReportId, x.TaxCode });
                });

            migrationBuilder.CreateTable(
                name: "infodesk_open311_key",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Bodies = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_open311_key", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_outbox",
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
                    table.PrimaryKey("PK_infodesk_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_report",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledWithEnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CategoryName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ReporterTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterPhone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ReporterAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ContactPreference = table.Column<int>(type: "integer", nullable: false),
                    TrackingHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RegisteredByTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Supporters = table.Column<int>(type: "integer", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    IncomingProtocol = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_report", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_rule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Type = table.Column<int>(type: "integer", nullable: true),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: true),
                    TargetEnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetOfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_rule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_settings",
                columns: table => new
                {
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    AllowAnonymous = table.Column<bool>(type: "boolean", nullable: false),
                    NearbyRadiusMeters = table.Column<int>(type: "integer", nullable: false),
                    ReopenDays = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_settings", x => x.EnteId);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_category_question",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Datatype = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Values = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_category_question", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_category_question_infodesk_category_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "infodesk_category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_event",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    ByTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Protocol = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_event", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_event_infodesk_report_ReportId",
                        column: x => x.ReportId,
                        principalTable: "infodesk_report",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_photo",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Approved = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_photo", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_photo_infodesk_report_ReportId",
                        column: x => x.ReportId,
                        principalTable: "infodesk_report",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_answer_template_EnteId",
                table: "infodesk_answer_template",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_area_EnteId",
                table: "infodesk_area",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_EnteId",
                table: "infodesk_card",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_Published_ReviewBy",
                table: "infodesk_card",
                columns: new[] { "Published", "ReviewBy" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_revision_CardId_Number",
                table: "infodesk_card_revision",
                columns: new[] { "CardId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_EnteId",
                table: "infodesk_category",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_EnteId_Code",
                table: "infodesk_category",
                columns: new[] { "EnteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_question_CategoryId_Code",
                table: "infodesk_category_question",
                columns: new[] { "CategoryId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_event_ReportId_At",
                table: "infodesk_event",
                columns: new[] { "ReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_export_EnteId",
                table: "infodesk_export",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_export_Status_CreatedAt",
                table: "infodesk_export",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_mail_message_EnteId",
                table: "infodesk_mail_message",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_mail_message_EnteId_MessageId",
                table: "infodesk_mail_message",
                columns: new[] { "EnteId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_open311_key_KeyHash",
                table: "infodesk_open311_key",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_outbox_Status_NextAttemptAt",
                table: "infodesk_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_photo_ReportId",
                table: "infodesk_photo",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_CategoryCode_Latitude_Longitude",
                table: "infodesk_report",
                columns: new[] { "CategoryCode", "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId",
                table: "infodesk_report",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_CategoryCode_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "CategoryCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_State_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CategoryCode_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CategoryCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_ReporterTaxCode",
                table: "infodesk_report",
                column: "ReporterTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_TrackingHash",
                table: "infodesk_report",
                column: "TrackingHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_rule_EnteId",
                table: "infodesk_rule",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_settings_EnteId",
                table: "infodesk_settings",
                column: "EnteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "infodesk_answer_template");

            migrationBuilder.DropTable(
                name: "infodesk_area");

            migrationBuilder.DropTable(
                name: "infodesk_card");

            migrationBuilder.DropTable(
                name: "infodesk_card_revision");

            migrationBuilder.DropTable(
                name: "infodesk_category_question");

            migrationBuilder.DropTable(
                name: "infodesk_event");

            migrationBuilder.DropTable(
                name: "infodesk_export");

            migrationBuilder.DropTable(
                name: "infodesk_mail_message");

            migrationBuilder.DropTable(
                name: "infodesk_observer");

            migrationBuilder.DropTable(
                name: "infodesk_open311_key");

            migrationBuilder.DropTable(
                name: "infodesk_outbox");

            migrationBuilder.DropTable(
                name: "infodesk_photo");

            migrationBuilder.DropTable(
                name: "infodesk_rule");

            migrationBuilder.DropTable(
                name: "infodesk_settings");

            migrationBuilder.DropTable(
                name: "infodesk_category");

            migrationBuilder.DropTable(
                name: "infodesk_report");
        }
    }
}
