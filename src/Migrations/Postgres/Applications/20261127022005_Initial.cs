using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Applications
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applications_communication_read",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProtocolEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_communication_read", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_draft",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    FormVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OnBehalfOf = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DataJson = table.Column<string>(type: "text", nullable: false),
                    CurrentStep = table.Column<int>(type: "integer", nullable: false),
                    CompletedSteps = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssistedByTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssistedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedDesk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedIdDocument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedDeskEnteId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeskCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    DeskCodeExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_draft", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_file",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    DraftId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FieldKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_file", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_form_version",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_form_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_message",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FromOffice = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_message", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_outbox",
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
                    table.PrimaryKey("PK_applications_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_rating",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stars = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_rating", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_service",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    WhoMayApply = table.Column<string>(type: "text", nullable: false),
                    HowTo = table.Column<string>(type: "text", nullable: false),
                    DocumentsNeeded = table.Column<string>(type: "text", nullable: false),
                    Costs = table.Column<string>(type: "text", nullable: false),
                    FeeCents = table.Column<long>(type: "bigint", nullable: false),
                    TermDays = table.Column<int>(type: "integer", nullable: false),
                    SilentAssent = table.Column<bool>(type: "boolean", nullable: false),
                    OfficeCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OfficeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponsibleOfficial = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponsibleOfficialTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LegalBasis = table.Column<string>(type: "text", nullable: false),
                    Contacts = table.Column<string>(type: "text", nullable: false),
                    SpidLevel = table.Column<int>(type: "integer", nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_service", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_submission",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteIpa = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EnteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FormVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DraftId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApplicantTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApplicantEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OnBehalfOf = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DataJson = table.Column<string>(type: "text", nullable: false),
                    DataSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfLength = table.Column<long>(type: "bigint", nullable: false),
                    SignedAttachmentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ProtocolAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProtocolEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceiptSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FeeCents = table.Column<long>(type: "bigint", nullable: false),
                    PaymentIupd = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PaymentNoticeNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfficeCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OfficeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponsibleOfficial = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AssignedToTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssignedToName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TakenInChargeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TermDays = table.Column<int>(type: "integer", nullable: false),
                    SilentAssent = table.Column<bool>(type: "boolean", nullable: false),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: true),
                    TermNominalEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    TermDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    SuspendedFor = table.Column<int>(type: "integer", nullable: true),
                    SuspendedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IntegrationSuspensionUsed = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeReason = table.Column<string>(type: "text", nullable: true),
                    OutcomeDocumentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OutcomeProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    IndemnityRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AssistedByTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssistedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedDesk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedIdDocument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssistedDeskEnteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_submission", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications_timeline_event",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    ActorTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Internal = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications_timeline_event", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_applications_communication_read_TaxCode_ProtocolEntryId",
                table: "applications_communication_read",
                columns: new[] { "TaxCode", "ProtocolEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_draft_EnteId",
                table: "applications_draft",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_draft_OwnerTaxCode",
                table: "applications_draft",
                column: "OwnerTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_applications_file_DraftId",
                table: "applications_file",
                column: "DraftId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_file_EnteId",
                table: "applications_file",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_file_SubmissionId",
                table: "applications_file",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_form_version_EnteId",
                table: "applications_form_version",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_form_version_ServiceId_Number",
                table: "applications_form_version",
                columns: new[] { "ServiceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_message_EnteId",
                table: "applications_message",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_message_SubmissionId",
                table: "applications_message",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_outbox_Status_NextAttemptAt",
                table: "applications_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_rating_EnteId",
                table: "applications_rating",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_rating_ServiceId",
                table: "applications_rating",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_rating_SubmissionId",
                table: "applications_rating",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_service_EnteId",
                table: "applications_service",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_service_EnteId_Slug",
                table: "applications_service",
                columns: new[] { "EnteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_ApplicantTaxCode",
                table: "applications_submission",
                column: "ApplicantTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_DraftId",
                table: "applications_submission",
                column: "DraftId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_EnteId",
                table: "applications_submission",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_EnteId_Status",
                table: "applications_submission",
                columns: new[] { "EnteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_PaymentIupd",
                table: "applications_submission",
                column: "PaymentIupd");

            migrationBuilder.CreateIndex(
                name: "IX_applications_submission_Reference",
                table: "applications_submission",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_timeline_event_EnteId",
                table: "applications_timeline_event",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_timeline_event_SubmissionId",
                table: "applications_timeline_event",
                column: "SubmissionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applications_communication_read");

            migrationBuilder.DropTable(
                name: "applications_draft");

            migrationBuilder.DropTable(
                name: "applications_file");

            migrationBuilder.DropTable(
                name: "applications_form_version");

            migrationBuilder.DropTable(
                name: "applications_message");

            migrationBuilder.DropTable(
                name: "applications_outbox");

            migrationBuilder.DropTable(
                name: "applications_rating");

            migrationBuilder.DropTable(
                name: "applications_service");

            migrationBuilder.DropTable(
                name: "applications_submission");

            migrationBuilder.DropTable(
                name: "applications_timeline_event");
        }
    }
}
