using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Payments
{
    /// <inheritdoc />
    public partial class SimulatedCheckoutSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_sim_checkout",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestJson = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_sim_checkout", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_sim_checkout_ExpiresAt",
                table: "payments_sim_checkout",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_sim_checkout");
        }
    }
}
