import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { NOW, timestamp } from "./column-types";

/** A key that may write through the API. The key itself is never stored, only its SHA-256 hash. */
@Entity("api_keys")
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 200, nullable: true })
  name!: string | null;

  /** "editor" or "admin" (see src/auth/roles.ts). */
  @Column({ type: "varchar", length: 20 })
  role!: string;

  /** The first 16 hex digits of keyHash: the indexed lookup before the constant-time comparison. */
  @Index("ix_api_keys_hash_prefix")
  @Column({ name: "hash_prefix", type: "varchar", length: 16 })
  hashPrefix!: string;

  @Column({ name: "key_hash", type: "varchar", length: 64, unique: true })
  keyHash!: string;

  @CreateDateColumn(timestamp({ name: "created_at", default: NOW }))
  createdAt!: Date;

  @Column(timestamp({ name: "last_used_at", nullable: true }))
  lastUsedAt!: Date | null;

  @Column(timestamp({ name: "revoked_at", nullable: true }))
  revokedAt!: Date | null;
}
