/**
 * HTML or a text dump? The bytes decide; the Content-Type only breaks ties.
 * Text dumps quote angle brackets too (seed 000: 《2022年<政府工作报告>…》),
 * so a stray "<" is not markup: it takes a document marker or several
 * common tags.
 */

const SNIFF_CHARS = 64 * 1024;
const DOCUMENT_MARKER = /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>/i;
const COMMON_TAG =
  /<\/?(?:p|div|br|span|table|tr|td|a|ul|li|h[1-6]|img|font|strong|b|center|section|article)(?:\s[^<>]*)?\/?>/gi;
/** Common tags needed without a document marker (an HTML fragment). */
const MIN_TAGS = 5;

export function detectFormat(text: string, contentType?: string): "html" | "text" {
  const head = text.slice(0, SNIFF_CHARS);
  if (DOCUMENT_MARKER.test(head)) return "html";
  const tags = head.match(COMMON_TAG)?.length ?? 0;
  if (tags >= MIN_TAGS) return "html";
  const declaredHtml = !!contentType && /html/i.test(contentType);
  return declaredHtml && tags > 0 ? "html" : "text";
}
